using System.Net;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Auditing;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Tests.Inbox;

/// <summary>New tasks go to the system's technical contact when they have an account; officers reassign their agency's tasks in bulk.</summary>
public sealed class TaskAssignmentTests : PortalTestBase
{
    private static readonly DateOnly Today = VietnamTime.Today(TimeProvider.System);
    private Agency _health = null!;
    private Agency _ward = null!;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task ArrangeAsync()
    {
        _health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        _ward = await Factory.CreateAgencyAsync("SL-PBT", "Ủy ban nhân dân phường Bến Thủy", AgencyKind.CommuneCommittee);
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, _health.Id);
        await Factory.CreateUserAsync("kythuat@sl.vn", PortalRoles.AgencyOfficer, _health.Id);
        await Factory.CreateUserAsync("phuong@sl.vn", PortalRoles.AgencyOfficer, _ward.Id);
        await Factory.CreateUserAsync("lanhdao@sl.vn", PortalRoles.Leadership);
    }

    private Task<string> UserIdAsync(string email) => Factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private Task<InformationSystem> SystemAsync(string code, Guid agencyId, string? contactEmail) =>
        Factory.CreateSystemAsync(code, $"Hệ thống {code}", agencyId, s =>
        {
            s.TechnicalContactName = "Người phụ trách kỹ thuật";
            s.TechnicalContactEmail = contactEmail;
        });

    private static async Task<Guid> CreateAsync(HttpClient client, InformationSystem system, string title)
    {
        var created = await client.PostFormAsync($"/Tasks/Create?systemId={system.Id}", new()
        {
            ["Input.Title"] = title, ["Input.Severity"] = nameof(TaskSeverity.Medium), ["Input.Source"] = nameof(TaskSource.Other),
            ["Input.DueDate"] = Iso(Today.AddDays(30)), ["Input.AssigneeId"] = string.Empty,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[3].Split('?', '#')[0]);
    }

    private Task<RemediationTask> TaskAsync(Guid id) =>
        Factory.WithDbAsync(db => db.RemediationTasks.AsNoTracking().Include(t => t.Entries).SingleAsync(t => t.Id == id));

    [Fact]
    public async Task A_new_task_goes_to_the_technical_contact_with_an_account_else_it_stays_unassigned_and_shows_chua_giao()
    {
        await ArrangeAsync();
        var contact = await UserIdAsync("kythuat@sl.vn");
        // The registry keeps the address as typed: case and spaces do not matter, as for signing in.
        var known = await SystemAsync("SYT-HIS", _health.Id, "  KyThuat@SL.vn ");
        var unknown = await SystemAsync("SYT-WEB", _health.Id, "ai-do@benh-vien.vn");
        var foreignContact = await SystemAsync("SYT-MAIL", _health.Id, "phuong@sl.vn");
        var none = await SystemAsync("SYT-KHO", _health.Id, null);

        var officer = await SignInAsync("yte@sl.vn");
        var assigned = await TaskAsync(await CreateAsync(officer, known, "Vá máy chủ HIS"));
        Assert.Equal(contact, assigned.AssigneeId);
        Assert.Equal("Người dùng kythuat", assigned.AssigneeName);
        Assert.Contains(assigned.Entries, e => e.Action == TaskAction.Reassigned && e.Text!.Contains("người phụ trách kỹ thuật", StringComparison.Ordinal));
        var audit = await Factory.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(RemediationTask) && e.EntityKey == assigned.Id.ToString()).ToListAsync());
        Assert.Contains(audit, e => e.Action == AuditAction.Insert && e.Changes.Contains(contact, StringComparison.Ordinal));

        // No account with that address, an account of another agency, no address at all: nobody.
        var unassigned = new List<Guid>();
        foreach (var system in new[] { unknown, foreignContact, none })
        {
            var task = await TaskAsync(await CreateAsync(officer, system, $"Việc của {system.Code}"));
            Assert.Null(task.AssigneeId);
            unassigned.Add(task.Id);
        }

        // Any path that creates a task gets the same rule (here straight through the database, as a background job would).
        var seeded = await Factory.WithDbAsync(async db =>
        {
            var task = new RemediationTask(known.Id, "Việc từ giám sát", null, TaskSource.WebsiteCheck, null, null, null, TaskSeverity.High, Today.AddDays(7), "system", DateTime.UtcNow);
            db.RemediationTasks.Add(task);
            await db.SaveChangesAsync();
            return task.Id;
        });
        Assert.Equal(contact, (await TaskAsync(seeded)).AssigneeId);

        // The officers of the agency see the unassigned tasks «chưa giao»; the contact sees the tasks given to them.
        var home = await officer.GetDocumentAsync("/");
        foreach (var id in unassigned)
        {
            var row = home.QuerySelector($"#inbox-items a[href='/Tasks/Details/{id}']")!.ParentElement!;
            Assert.Contains("chưa giao", row.TextContent, StringComparison.Ordinal);
        }

        Assert.Null(home.QuerySelector($"#inbox-items a[href='/Tasks/Details/{assigned.Id}']"));
        var contactHome = await (await SignInAsync("kythuat@sl.vn")).GetDocumentAsync("/");
        var mine = contactHome.QuerySelector($"#inbox-items a[href='/Tasks/Details/{assigned.Id}']")!.ParentElement!;
        Assert.DoesNotContain("chưa giao", mine.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officer_reassigns_several_tasks_of_their_agency_to_a_colleague_but_not_another_agencys_task_nor_to_another_agencys_person()
    {
        await ArrangeAsync();
        var system = await SystemAsync("SYT-HIS", _health.Id, null);
        var wardSystem = await SystemAsync("PBT-WEB", _ward.Id, null);
        var officer = await SignInAsync("yte@sl.vn");
        var first = await CreateAsync(officer, system, "Vá hệ điều hành máy chủ");
        var second = await CreateAsync(officer, system, "Tắt dịch vụ FTP");
        var foreign = await CreateAsync(await SignInAsync("phuong@sl.vn"), wardSystem, "Việc của phường");
        var colleague = await UserIdAsync("kythuat@sl.vn");
        var wardOfficer = await UserIdAsync("phuong@sl.vn");
        Task<int> AssignedAsync() => Factory.WithDbAsync(db => db.RemediationTasks.CountAsync(t => t.AssigneeId != null));

        // The list offers the officer their tasks to select and their agency's people only.
        var list = await officer.GetDocumentAsync("/Tasks");
        Assert.NotNull(list.QuerySelector($"input[name=Selected][value='{first}']"));
        Assert.NotNull(list.QuerySelector("#bulk-assign"));
        Assert.Null(list.QuerySelector("#bulk-due"));
        var people = list.QuerySelectorAll("#AssigneeId option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(colleague, people);
        Assert.DoesNotContain(wardOfficer, people);

        // Another agency's task among the selection: nothing found, nothing changed.
        var stolen = await officer.PostFormAsync("/Tasks?handler=Assign",
            [new("Selected", first.ToString()), new("Selected", foreign.ToString()), new("AssigneeId", colleague)], pageUrl: "/Tasks");
        Assert.Equal(HttpStatusCode.OK, stolen.StatusCode);
        Assert.Contains("Chưa giao lại nhiệm vụ nào", (await stolen.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await AssignedAsync());

        // A person of another agency: refused for all, nothing changed.
        var stranger = await officer.PostFormAsync("/Tasks?handler=Assign",
            [new("Selected", first.ToString()), new("Selected", second.ToString()), new("AssigneeId", wardOfficer)], pageUrl: "/Tasks");
        Assert.Contains("không thuộc cơ quan chủ quản hoặc đơn vị vận hành", (await stranger.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await AssignedAsync());

        // Leadership reads the list but reassigns nothing.
        var leader = await SignInAsync("lanhdao@sl.vn");
        (await leader.PostFormAsync("/Tasks?handler=Assign", [new("Selected", first.ToString()), new("AssigneeId", colleague)], pageUrl: "/Tasks"))
            .AssertRedirectsTo("/Account/AccessDenied");
        Assert.Equal(0, await AssignedAsync());

        // Both tasks to the colleague in one post: each has its «Giao việc» entry and its audit entry under the officer.
        var officerId = await UserIdAsync("yte@sl.vn");
        (await officer.PostFormAsync("/Tasks?handler=Assign",
            [new("Selected", first.ToString()), new("Selected", second.ToString()), new("AssigneeId", colleague)], pageUrl: "/Tasks")).AssertRedirectsTo("/Tasks");
        foreach (var id in new[] { first, second })
        {
            var task = await TaskAsync(id);
            Assert.Equal(colleague, task.AssigneeId);
            Assert.Contains(task.Entries, e => e.Action == TaskAction.Reassigned && e.UserId == officerId);
            Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e =>
                e.EntityType == nameof(RemediationTask) && e.EntityKey == id.ToString() && e.Action == AuditAction.Update && e.UserId == officerId)));
        }

        Assert.Null((await TaskAsync(foreign)).AssigneeId);
        var colleagueHome = await (await SignInAsync("kythuat@sl.vn")).GetDocumentAsync("/");
        Assert.NotNull(colleagueHome.QuerySelector($"#inbox-items a[href='/Tasks/Details/{first}']"));
    }
}
