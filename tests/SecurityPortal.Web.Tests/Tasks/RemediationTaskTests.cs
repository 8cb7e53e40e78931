using System.Net;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Tests.Dossiers;

namespace SecurityPortal.Tests.Tasks;

public sealed class RemediationTaskTests : PortalTestBase
{
    private static readonly DateOnly Today = VietnamTime.Today(TimeProvider.System);
    private InformationSystem _system = null!;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Details(Guid id) => $"/Tasks/Details/{id}";

    private async Task ArrangeAsync()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var ward = await Factory.CreateAgencyAsync("SL-PBT", "Ủy ban nhân dân phường Bến Thủy", AgencyKind.CommuneCommittee);
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, health.Id);
        await Factory.CreateUserAsync("yte2@sl.vn", PortalRoles.AgencyOfficer, health.Id);
        await Factory.CreateUserAsync("phuong@sl.vn", PortalRoles.AgencyOfficer, ward.Id);
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        await Factory.CreateUserAsync("td2@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        await Factory.CreateUserAsync("lanhdao@sl.vn", PortalRoles.Leadership);
        _system = await Factory.CreateSystemAsync("SYT-WEB", "Cổng thông tin Sở Y tế", health.Id);
    }

    private static Task<HttpResponseMessage> StepAsync(HttpClient client, Guid id, string handler, Dictionary<string, string>? fields = null) =>
        client.PostFormAsync($"{Details(id)}?handler={handler}", fields ?? [], pageUrl: Details(id));

    private async Task<Guid> CreateAsync(HttpClient client, string title, TaskSeverity severity, DateOnly due, string? assigneeEmail = null)
    {
        var assignee = assigneeEmail is null ? string.Empty : await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == assigneeEmail).Select(u => u.Id).SingleAsync());
        var created = await client.PostFormAsync($"/Tasks/Create?systemId={_system.Id}", new()
        {
            ["Input.Title"] = title, ["Input.Description"] = "WordPress 5.8 có lỗ hổng đã công bố.", ["Input.Severity"] = severity.ToString(),
            ["Input.Source"] = nameof(TaskSource.OutdatedSoftware), ["Input.DueDate"] = Iso(due), ["Input.AssigneeId"] = assignee,
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[3].Split('?', '#')[0]);
    }

    private Task<RemediationStatus> StatusAsync(Guid id) => Factory.WithDbAsync(db => db.RemediationTasks.Where(t => t.Id == id).Select(t => t.Status).SingleAsync());

    [Fact]
    public async Task A_task_is_created_assigned_resolved_with_evidence_reopened_resolved_again_and_verified_by_another_reviewer()
    {
        await ArrangeAsync();
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);

        // The due date may only be shortened from the severity's default, never in the past.
        var late = await reviewer.PostFormAsync($"/Tasks/Create?systemId={_system.Id}", new()
        {
            ["Input.Title"] = "Nâng cấp WordPress", ["Input.Severity"] = nameof(TaskSeverity.Critical), ["Input.DueDate"] = Iso(Today.AddDays(30)),
        });
        var latePage = await late.ParseAsync();
        Assert.Contains("chỉ được rút ngắn", latePage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Nâng cấp WordPress", latePage.QuerySelector("#Input_Title")!.GetAttribute("value"));
        var past = await reviewer.PostFormAsync($"/Tasks/Create?systemId={_system.Id}", new()
        {
            ["Input.Title"] = "Nâng cấp WordPress", ["Input.Severity"] = nameof(TaskSeverity.Critical), ["Input.DueDate"] = Iso(Today.AddDays(-1)),
        });
        Assert.Contains("không được trước ngày hôm nay", (await past.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);

        var id = await CreateAsync(reviewer, "Nâng cấp WordPress lên 6.4.3", TaskSeverity.Critical, Today.AddDays(5), "yte@sl.vn");
        var officerId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "yte@sl.vn").Select(u => u.Id).SingleAsync());
        Assert.True(await Factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == officerId && n.Link == Details(id))));

        var officer = await SignInAsync("yte@sl.vn");
        var mine = await officer.GetDocumentAsync("/Tasks?view=mine");
        Assert.Contains("Nâng cấp WordPress lên 6.4.3", mine.QuerySelector("#tasks")!.TextContent, StringComparison.Ordinal);
        (await StepAsync(officer, id, "Start")).AssertRedirectsTo(Details(id));

        // No resolution without evidence; what was typed stays.
        var bare = await StepAsync(officer, id, "Resolve", new() { ["Text"] = "Đã nâng cấp lên 6.4.3 ngày hôm nay." });
        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);
        var barePage = await bare.ParseAsync();
        Assert.Contains("ít nhất một minh chứng", barePage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Đã nâng cấp lên 6.4.3 ngày hôm nay.", barePage.QuerySelector("#resolve-note")!.TextContent);
        var renamed = await officer.PostFileAsync($"/Tasks/Attach/{id}", [], "Upload", "anh-chup.png", "GIF89a not a png"u8.ToArray());
        Assert.Contains("không đúng định dạng .png", (await renamed.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        (await officer.PostFileAsync($"/Tasks/Attach/{id}", [], "Upload", "..\\..\\nhat-ky-cap-nhat.pdf", DossierTestKit.Pdf)).AssertRedirectsTo(Details(id));
        (await StepAsync(officer, id, "Resolve", new() { ["Text"] = "Đã nâng cấp lên 6.4.3 ngày hôm nay." })).AssertRedirectsTo(Details(id));
        Assert.Equal(RemediationStatus.Resolved, await StatusAsync(id));
        Assert.Contains("nhat-ky-cap-nhat.pdf", (await officer.GetDocumentAsync(Details(id))).QuerySelector("#task-files")!.TextContent, StringComparison.Ordinal);

        // The officer cannot verify; a reviewer reopens with a reason; the officer resolves again.
        var selfVerify = await StepAsync(officer, id, "Verify");
        Assert.Contains("Chỉ cán bộ thẩm định được xác minh", (await selfVerify.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        var noReason = await StepAsync(reviewer, id, "Reopen");
        Assert.Contains("Cần nêu lý do mở lại", (await noReason.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        (await StepAsync(reviewer, id, "Reopen", new() { ["Text"] = "Còn plugin cũ chưa cập nhật." })).AssertRedirectsTo(Details(id));
        Assert.Equal(RemediationStatus.Reopened, await StatusAsync(id));
        (await StepAsync(officer, id, "Comment", new() { ["Text"] = "Đã gỡ plugin cũ." })).AssertRedirectsTo(Details(id));
        (await StepAsync(officer, id, "Resolve", new() { ["Text"] = "Đã cập nhật plugin và gỡ plugin không dùng." })).AssertRedirectsTo(Details(id));

        // A reviewer who resolved a task cannot verify it; the reviewer here did not, so verification works.
        (await StepAsync(reviewer, id, "Verify", new() { ["Text"] = "Đã kiểm tra phiên bản trên trang." })).AssertRedirectsTo(Details(id));
        Assert.Equal(RemediationStatus.Verified, await StatusAsync(id));
        var thread = (await officer.GetDocumentAsync(Details(id))).QuerySelector("#task-thread")!.TextContent;
        foreach (var step in new[] { "Tạo nhiệm vụ", "Giao việc", "Bắt đầu xử lý", "Thêm minh chứng", "Báo đã xử lý", "Mở lại", "Ý kiến", "Xác minh" })
        {
            Assert.Contains(step, thread, StringComparison.Ordinal);
        }

        var stamp = await Factory.WithDbAsync(db => db.RemediationTasks.Where(t => t.Id == id).Select(t => t.ConcurrencyStamp).SingleAsync());
        var after = await StepAsync(officer, id, "Comment", new() { ["Text"] = "Thêm", ["ConcurrencyStamp"] = stamp.ToString() });
        Assert.Contains("đã được xác minh", (await after.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_agencys_task_answers_404_leadership_reads_only_and_a_reviewer_cannot_verify_what_they_resolved()
    {
        await ArrangeAsync();
        var officer = await SignInAsync("yte@sl.vn");
        var id = await CreateAsync(officer, "Gia hạn chứng thư số", TaskSeverity.High, Today.AddDays(10));
        var attachment = Guid.NewGuid();

        var ward = await SignInAsync("phuong@sl.vn");
        foreach (var url in new[] { Details(id), $"/Tasks/Attach/{id}", $"{Details(id)}?handler=File&attachmentId={attachment}", $"/Tasks/Create?systemId={_system.Id}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await ward.GetAsync(url)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await ward.PostFormAsync($"{Details(id)}?handler=Start", [], pageUrl: "/Tasks")).StatusCode);
        Assert.DoesNotContain("Gia hạn chứng thư số", (await ward.GetDocumentAsync("/Tasks")).Body!.TextContent, StringComparison.Ordinal);

        var leader = await SignInAsync("lanhdao@sl.vn");
        Assert.Contains("Gia hạn chứng thư số", (await leader.GetDocumentAsync("/Tasks?view=all")).Body!.TextContent, StringComparison.Ordinal);
        (await StepAsync(leader, id, "Start")).AssertRedirectsTo("/Account/AccessDenied");

        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        (await reviewer.PostFileAsync($"/Tasks/Attach/{id}", [], "Upload", "chung-thu.pdf", DossierTestKit.Pdf)).AssertRedirectsTo(Details(id));
        (await StepAsync(reviewer, id, "Resolve", new() { ["Text"] = "Đã gia hạn hộ đơn vị." })).AssertRedirectsTo(Details(id));
        var own = await StepAsync(reviewer, id, "Verify");
        Assert.Contains("không được tự xác minh", (await own.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(RemediationStatus.Resolved, await StatusAsync(id));
        var second = await SignInAsync("td2@sl.vn", Totp.Key);
        (await StepAsync(second, id, "Verify")).AssertRedirectsTo(Details(id));
        Assert.Equal(RemediationStatus.Verified, await StatusAsync(id));
    }

    [Fact]
    public async Task An_officer_reassigns_a_task_a_reviewer_moves_its_due_date_with_a_reason_and_cancels_it_and_the_thread_keeps_each_step()
    {
        await ArrangeAsync();
        var officer = await SignInAsync("yte@sl.vn");
        var id = await CreateAsync(officer, "Rà soát tài khoản quản trị", TaskSeverity.Medium, Today.AddDays(15));
        var colleague = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "yte2@sl.vn").Select(u => u.Id).SingleAsync());

        (await StepAsync(officer, id, "Assign", new() { ["AssigneeId"] = colleague })).AssertRedirectsTo(Details(id));
        Assert.Equal(colleague, await Factory.WithDbAsync(db => db.RemediationTasks.Where(t => t.Id == id).Select(t => t.AssigneeId).SingleAsync()));

        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var noReason = await StepAsync(reviewer, id, "Due", new() { ["DueDate"] = Iso(Today.AddDays(45)) });
        Assert.Contains("Cần nêu lý do đổi hạn", (await noReason.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        (await StepAsync(reviewer, id, "Due", new() { ["DueDate"] = Iso(Today.AddDays(45)), ["Text"] = "Chờ nhà cung cấp." })).AssertRedirectsTo(Details(id));
        Assert.Equal(Today.AddDays(45), await Factory.WithDbAsync(db => db.RemediationTasks.Where(t => t.Id == id).Select(t => t.DueDate).SingleAsync()));

        var refused = await StepAsync(officer, id, "Cancel", new() { ["Text"] = "Không cần nữa." });
        Assert.Contains("Chỉ cán bộ thẩm định được hủy", (await refused.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.NotEqual(RemediationStatus.Cancelled, await StatusAsync(id));
        (await StepAsync(reviewer, id, "Cancel", new() { ["Text"] = "Hệ thống đã ngừng sử dụng." })).AssertRedirectsTo(Details(id));
        Assert.Equal(RemediationStatus.Cancelled, await StatusAsync(id));
        var thread = (await officer.GetDocumentAsync(Details(id))).QuerySelector("#task-thread")!.TextContent;
        Assert.Contains("Chờ nhà cung cấp.", thread, StringComparison.Ordinal);
        Assert.Contains("Hệ thống đã ngừng sử dụng.", thread, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reviewers_verify_and_move_due_dates_in_bulk_all_or_nothing_and_the_list_exports_to_excel_overdue_first()
    {
        await ArrangeAsync();
        var officer = await SignInAsync("yte@sl.vn");
        var first = await CreateAsync(officer, "Vá hệ điều hành máy chủ", TaskSeverity.High, Today.AddDays(20));
        var second = await CreateAsync(officer, "Tắt dịch vụ FTP", TaskSeverity.Medium, Today.AddDays(40));
        var overdue = await Factory.WithDbAsync(async db =>
        {
            var task = new RemediationTask(_system.Id, "Sao lưu dữ liệu", null, TaskSource.Other, null, null, null, TaskSeverity.Low, Today.AddDays(-2), "seed", DateTime.UtcNow);
            db.RemediationTasks.Add(task);
            await db.SaveChangesAsync();
            return task.Id;
        });

        var rows = await officer.GetExcelRowsAsync("/Tasks?handler=Excel");
        Assert.Equal("Sao lưu dữ liệu", rows[1][0]);
        Assert.Equal("Có", rows[1][6]);
        Assert.Equal(4, rows.Count);

        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var fields = new List<KeyValuePair<string, string>> { new("Selected", first.ToString()), new("Selected", second.ToString()), new("NewDueDate", Iso(Today.AddDays(60))) };
        var noReason = await (await reviewer.PostFormAsync("/Tasks?handler=Due", fields, pageUrl: "/Tasks")).ParseAsync();
        Assert.Contains("Chưa đổi hạn nhiệm vụ nào", noReason.Body!.TextContent, StringComparison.Ordinal);

        // The refusal keeps the selection and the new date that were typed (shown as dd/MM/yyyy).
        Assert.Equal(SecurityPortal.Web.Infrastructure.Display.Date(Today.AddDays(60)), noReason.QuerySelector("#bulk-due")!.GetAttribute("value"));
        Assert.True(noReason.QuerySelector($"input[name=Selected][value='{first}']")!.HasAttribute("checked"));
        Assert.False(noReason.QuerySelector($"input[name=Selected][value='{overdue}']")!.HasAttribute("checked"));
        fields.Add(new("Reason", "Chờ kinh phí năm sau."));
        (await reviewer.PostFormAsync("/Tasks?handler=Due", fields, pageUrl: "/Tasks")).AssertRedirectsTo("/Tasks");
        Assert.Equal(2, await Factory.WithDbAsync(db => db.RemediationTasks.CountAsync(t => t.DueDate == Today.AddDays(60))));

        // Verifying tasks that are not resolved is refused for all of them.
        var verify = await reviewer.PostFormAsync("/Tasks?handler=Verify", [new("Selected", first.ToString()), new("Selected", overdue.ToString())], pageUrl: "/Tasks");
        Assert.Contains("Chưa xác minh nhiệm vụ nào", (await verify.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.RemediationTasks.CountAsync(t => t.Status == RemediationStatus.Verified)));
        (await officer.PostFormAsync("/Tasks?handler=Verify", [new("Selected", first.ToString())], pageUrl: "/Tasks")).AssertRedirectsTo("/Account/AccessDenied");

        // Reassigning in bulk: only to a person of the systems' agencies, all or nothing, and that person hears once.
        var userId = (string email) => Factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        var ward = await userId("phuong@sl.vn");
        var stranger = await reviewer.PostFormAsync("/Tasks?handler=Assign",
            [new("Selected", first.ToString()), new("Selected", second.ToString()), new("AssigneeId", ward)], pageUrl: "/Tasks");
        var strangerPage = await stranger.ParseAsync();
        Assert.Contains("không thuộc cơ quan chủ quản hoặc đơn vị vận hành", strangerPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ward, strangerPage.QuerySelector("#AssigneeId option[selected]")!.GetAttribute("value"));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.RemediationTasks.CountAsync(t => t.AssigneeId != null)));

        var colleague = await userId("yte2@sl.vn");
        (await reviewer.PostFormAsync("/Tasks?handler=Assign",
            [new("Selected", first.ToString()), new("Selected", second.ToString()), new("AssigneeId", colleague)], pageUrl: "/Tasks")).AssertRedirectsTo("/Tasks");
        Assert.Equal(2, await Factory.WithDbAsync(db => db.RemediationTasks.CountAsync(t => t.AssigneeId == colleague)));
        var told = await Factory.WithDbAsync(db => db.Notifications.Where(n => n.UserId == colleague && n.Kind == NotificationKind.TaskAssigned && n.Link == "/Tasks?view=mine").ToListAsync());
        Assert.Contains("Bạn được giao 2 nhiệm vụ", Assert.Single(told).Text, StringComparison.Ordinal);

        // Resolved tasks are verified together.
        var assignee = await SignInAsync("yte2@sl.vn");
        foreach (var resolved in new[] { first, second })
        {
            (await assignee.PostFileAsync($"/Tasks/Attach/{resolved}", [], "Upload", "bien-ban.pdf", DossierTestKit.Pdf)).AssertRedirectsTo(Details(resolved));
            (await StepAsync(assignee, resolved, "Resolve", new() { ["Text"] = "Đã xử lý xong." })).AssertRedirectsTo(Details(resolved));
        }

        (await reviewer.PostFormAsync("/Tasks?handler=Verify", [new("Selected", first.ToString()), new("Selected", second.ToString())], pageUrl: "/Tasks")).AssertRedirectsTo("/Tasks");
        Assert.Equal(2, await Factory.WithDbAsync(db => db.RemediationTasks.CountAsync(t => t.Status == RemediationStatus.Verified)));
    }

    [Fact]
    public async Task The_province_task_list_is_paged_overdue_first_and_the_export_keeps_every_filtered_row()
    {
        await ArrangeAsync();
        await Factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < 60; i++)
            {
                // Three overdue tasks among 60; the rest due later and later.
                var due = i < 3 ? Today.AddDays(-1 - i) : Today.AddDays(i);
                db.RemediationTasks.Add(new RemediationTask(_system.Id, $"Nhiệm vụ số {i:D2}", null, TaskSource.Other, null, null, null,
                    TaskSeverity.Medium, due, "seed", DateTime.UtcNow));
            }

            return await db.SaveChangesAsync();
        });
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);

        var first = await reviewer.GetDocumentAsync("/Tasks?view=all");
        var firstRows = first.QuerySelectorAll("#tasks tbody tr").Select(r => r.QuerySelector("a")!.TextContent).ToList();
        Assert.Equal(IndexPageSize, firstRows.Count);
        Assert.Equal(["Nhiệm vụ số 02", "Nhiệm vụ số 01", "Nhiệm vụ số 00", "Nhiệm vụ số 03"], firstRows.Take(4));
        Assert.Contains("60 nhiệm vụ phù hợp", first.QuerySelector("#task-count")!.TextContent, StringComparison.Ordinal);
        var next = first.QuerySelectorAll("nav .page-link").Single(a => a.TextContent == "Trang sau").GetAttribute("href")!;
        Assert.Contains("view=all", next, StringComparison.Ordinal);
        var second = await reviewer.GetDocumentAsync(next);
        var secondRows = second.QuerySelectorAll("#tasks tbody tr").Select(r => r.QuerySelector("a")!.TextContent).ToList();
        Assert.Equal(60 - IndexPageSize, secondRows.Count);
        Assert.Equal("Nhiệm vụ số 59", secondRows[^1]);
        Assert.Empty(firstRows.Intersect(secondRows));

        var rows = await reviewer.GetExcelRowsAsync("/Tasks?view=all&handler=Excel");
        Assert.Equal(60 + 1, rows.Count);
    }

    private const int IndexPageSize = SecurityPortal.Web.Pages.Tasks.IndexModel.PageSize;

    [Fact]
    public async Task Outdated_software_becomes_one_task_per_component_in_one_action_and_never_twice()
    {
        await ArrangeAsync();
        var legacy = await Factory.CreateSystemAsync("SYT-CU", "Hệ thống cũ", _system.OwnerAgencyId, s =>
        {
            s.AddComponent(ComponentKind.OperatingSystem, "Windows Server", "Microsoft", "2012 R2").EndOfLife = new DateOnly(2023, 10, 10);
            s.AddComponent(ComponentKind.WebServer, "nginx", null, "1.18.0").LastPatched = Today.AddDays(-400);
            s.AddComponent(ComponentKind.Database, "PostgreSQL", null, "16.4").LastPatched = Today.AddDays(-5);
        });
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var page = await reviewer.GetDocumentAsync("/Tasks/Outdated");
        var table = page.QuerySelector("#outdated")!.TextContent;
        Assert.Contains("Windows Server", table, StringComparison.Ordinal);
        Assert.Contains("nginx", table, StringComparison.Ordinal);
        Assert.DoesNotContain("PostgreSQL", table, StringComparison.Ordinal);
        var selected = page.QuerySelectorAll("#outdated input[name=Selected]").Select(i => new KeyValuePair<string, string>("Selected", i.GetAttribute("value")!)).ToList();
        Assert.Equal(2, selected.Count);

        (await reviewer.PostFormAsync("/Tasks/Outdated", selected, pageUrl: "/Tasks/Outdated")).AssertRedirectsTo("/Tasks/Outdated");
        var tasks = await Factory.WithDbAsync(db => db.RemediationTasks.Where(t => t.SystemId == legacy.Id).ToListAsync());
        Assert.Equal(2, tasks.Count);
        Assert.Contains(tasks, t => t.Severity == TaskSeverity.High && t.Title.Contains("Windows Server", StringComparison.Ordinal));
        Assert.All(tasks, t => Assert.Equal(TaskSource.OutdatedSoftware, t.Source));

        (await reviewer.PostFormAsync("/Tasks/Outdated", selected, pageUrl: "/Tasks/Outdated")).AssertRedirectsTo("/Tasks/Outdated");
        Assert.Equal(2, await Factory.WithDbAsync(db => db.RemediationTasks.CountAsync(t => t.SystemId == legacy.Id)));
        Assert.Contains("Đã có nhiệm vụ đang mở", (await reviewer.GetDocumentAsync("/Tasks/Outdated")).QuerySelector("#outdated")!.TextContent, StringComparison.Ordinal);
        var officer = await SignInAsync("yte@sl.vn");
        (await officer.GetAsync("/Tasks/Outdated")).AssertRedirectsTo("/Account/AccessDenied");
    }
}
