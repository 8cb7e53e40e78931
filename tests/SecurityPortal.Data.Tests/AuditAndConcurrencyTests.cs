using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Auditing;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Tests;

public sealed class AuditAndConcurrencyTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private sealed class Officer : ICurrentActor
    {
        public string? UserId => "u-1";
        public string? UserName => "canbo@syt.vn";
        public Guid? AgencyId => Guid.Parse("0193a000-0000-7000-8000-000000000001");
        public string? TraceId => "trace-1";
    }

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Insert_update_and_delete_each_write_an_audit_entry_with_actor_and_values()
    {
        // One second between the saves, so the entries sort by time whatever the machine's clock resolution.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero)) { AutoAdvanceAmount = TimeSpan.FromSeconds(1) };
        Guid id;
        await using (var db = _database.CreateContext(new Officer(), clock))
        {
            var agency = new Agency("SL-SYT", "Sở Y tế", AgencyKind.Department);
            id = agency.Id;
            db.Agencies.Add(agency);
            await db.SaveChangesAsync();
        }

        await using (var db = _database.CreateContext(new Officer(), clock))
        {
            var agency = await db.Agencies.SingleAsync(a => a.Id == id);
            agency.Rename("Sở Y tế tỉnh Sông Lam");
            await db.SaveChangesAsync();
            db.Agencies.Remove(agency);
            await db.SaveChangesAsync();
        }

        await using var read = _database.CreateContext();
        var entries = await read.AuditEntries.Where(e => e.EntityKey == id.ToString()).OrderBy(e => e.OccurredAtUtc).ToListAsync();
        Assert.Equal([AuditAction.Insert, AuditAction.Update, AuditAction.Delete], entries.Select(e => e.Action));
        Assert.All(entries, e =>
        {
            Assert.Equal("canbo@syt.vn", e.UserName);
            Assert.Equal("u-1", e.UserId);
            Assert.Equal("Agency", e.EntityType);
            Assert.Equal(DateTimeKind.Utc, e.OccurredAtUtc.Kind);
        });

        var update = JsonSerializer.Deserialize<Dictionary<string, JsonElement[]>>(entries[1].Changes)!;
        Assert.Equal("Sở Y tế", update["Name"][0].GetString());
        Assert.Equal("Sở Y tế tỉnh Sông Lam", update["Name"][1].GetString());
        Assert.False(update.ContainsKey("ConcurrencyStamp"));
        Assert.False(update.ContainsKey("Code"));
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_audit_entries()
    {
        await using (var db = _database.CreateContext(new Officer()))
        {
            db.Agencies.Add(new Agency("SL-AUD", "Cơ quan kiểm thử nhật ký", AgencyKind.Other));
            await db.SaveChangesAsync();
        }

        await using var attacker = _database.CreateContext();
        var before = await attacker.AuditEntries.CountAsync();
        Assert.True(before > 0);
        var update = await Assert.ThrowsAnyAsync<Exception>(() => attacker.AuditEntries.ExecuteUpdateAsync(s => s.SetProperty(e => e.UserName, "someone-else")));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAnyAsync<Exception>(() => attacker.AuditEntries.ExecuteDeleteAsync());
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        Assert.Equal(before, await attacker.AuditEntries.CountAsync());
        Assert.Equal(0, await attacker.AuditEntries.CountAsync(e => e.UserName == "someone-else"));
    }

    [Fact]
    public async Task A_failed_save_writes_no_audit_entry()
    {
        await using (var db = _database.CreateContext())
        {
            db.Agencies.Add(new Agency("SL-DUP", "Bản gốc", AgencyKind.Other));
            await db.SaveChangesAsync();
        }

        var before = await CountAuditAsync();
        await using (var db = _database.CreateContext())
        {
            db.Agencies.Add(new Agency("SL-DUP", "Bản trùng mã", AgencyKind.Other));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        Assert.Equal(before, await CountAuditAsync());
    }

    [Fact]
    public async Task The_second_of_two_concurrent_edits_is_refused_and_the_first_is_kept()
    {
        var agency = new Agency("SL-CON", "Tên ban đầu", AgencyKind.Other);
        await using (var db = _database.CreateContext())
        {
            db.Agencies.Add(agency);
            await db.SaveChangesAsync();
        }

        await using var first = _database.CreateContext();
        await using var second = _database.CreateContext();
        var a = await first.Agencies.SingleAsync(x => x.Id == agency.Id);
        var b = await second.Agencies.SingleAsync(x => x.Id == agency.Id);
        a.Rename("Sửa lần một");
        b.Rename("Sửa lần hai");
        await first.SaveChangesAsync();
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var read = _database.CreateContext();
        Assert.Equal("Sửa lần một", (await read.Agencies.SingleAsync(x => x.Id == agency.Id)).Name);
    }

    [Fact]
    public async Task Codes_are_unique_and_dates_come_back_as_utc()
    {
        await using var db = _database.CreateContext();
        var entry = new AuditEntry { OccurredAtUtc = new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc), EntityType = "Probe", EntityKey = "1" };
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync();
        await using var read = _database.CreateContext();
        var stored = await read.AuditEntries.SingleAsync(e => e.Id == entry.Id);
        Assert.Equal(DateTimeKind.Utc, stored.OccurredAtUtc.Kind);
        Assert.Equal(entry.OccurredAtUtc, stored.OccurredAtUtc);
    }

    [Fact]
    public async Task An_attachments_file_is_audited_under_its_own_columns_in_the_attachments_entry()
    {
        var now = new DateTime(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc);
        var agency = new Agency("SL-FIL", "Cơ quan có minh chứng", AgencyKind.Other);
        var system = new InformationSystem("SL-FIL-01", "Hệ thống có minh chứng", agency.Id, agency.Id);
        var task = new RemediationTask(system.Id, "Vá lỗi", null, TaskSource.Other, null, null, null, TaskSeverity.High,
            new DateOnly(2026, 12, 31), "u-1", now);
        var hash = new string('a', 64);
        task.AddAttachment(new TaskActor("u-1", "Cán bộ", IsReviewer: true, IsAgencyOfficer: false), "bien-ban.pdf", "application/pdf", 4096, hash, now);
        var attachmentId = task.Attachments[0].Id;
        var clock = new FakeTimeProvider(new DateTimeOffset(now)) { AutoAdvanceAmount = TimeSpan.FromSeconds(1) };
        await using (var db = _database.CreateContext(new Officer(), clock))
        {
            db.AddRange(agency, system, task);
            await db.SaveChangesAsync();
        }

        await using (var db = _database.CreateContext(new Officer(), clock))
        {
            db.Remove(await db.RemediationTasks.Include(t => t.Attachments).Include(t => t.Entries).SingleAsync(t => t.Id == task.Id));
            await db.SaveChangesAsync();
        }

        await using var read = _database.CreateContext();
        var entries = await read.AuditEntries.Where(e => e.EntityKey == attachmentId.ToString()).OrderBy(e => e.OccurredAtUtc).ToListAsync();
        Assert.Equal([AuditAction.Insert, AuditAction.Delete], entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal(nameof(TaskAttachment), e.EntityType));
        Assert.Equal(0, await read.AuditEntries.CountAsync(e => e.EntityType == "UploadedFile"));

        var insert = JsonSerializer.Deserialize<Dictionary<string, JsonElement[]>>(entries[0].Changes)!;
        Assert.Equal(
            ["Id", "ContentType", "FileName", "Length", "Sha256", "TaskId", "UploadedAtUtc", "UploadedById"],
            insert.Keys);
        Assert.Equal("bien-ban.pdf", insert["FileName"][1].GetString());
        Assert.Equal(hash, insert["Sha256"][1].GetString());
        Assert.Equal(4096, insert["Length"][1].GetInt64());
        var delete = JsonSerializer.Deserialize<Dictionary<string, JsonElement[]>>(entries[1].Changes)!;
        Assert.Equal("bien-ban.pdf", delete["FileName"][0].GetString());
        Assert.Equal(hash, delete["Sha256"][0].GetString());
    }

    private async Task<int> CountAuditAsync()
    {
        await using var db = _database.CreateContext();
        return await db.AuditEntries.CountAsync();
    }
}
