using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Web.Infrastructure.Files;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// Evidence files and database rows never disagree for long (issue 8 item 7). An upload is moved into place before its
/// row is saved, so a row never names a missing file, and a crash in between leaves a stored file no row names. The
/// sweeper removes such a file once it is an hour old; it keeps every file a row names and every recent file (an upload
/// whose row is being saved, or content stored again while the sweeper runs), leaves the temporary directory and files
/// that are not under their hash alone, never empties a store its database does not know, runs at start-up, and reads
/// every column of the model that names a stored file. The crash itself is in <see cref="CrashTests"/>.
/// </summary>
public sealed class FileSweepTests : PortalTestBase
{
    // Its tests count the files of the portal's files folder, which a pooled portal shares with earlier tests.
    protected override bool SharesHost => false;

    private FileStore Store => Factory.Services.GetRequiredService<FileStore>();

    private Task<int> SweepAsync(DateTime nowUtc) => Factory.WithDbAsync(db => Store.SweepOrphansAsync(db, nowUtc, CancellationToken.None));

    private async Task<(HttpClient Officer, Guid TaskId)> ArrangeAsync()
    {
        var agency = await Factory.CreateAgencyAsync("SL-TTTT", "Sở Thông tin và Truyền thông");
        await Factory.CreateUserAsync("tttt@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        var system = await Factory.CreateSystemAsync("TTTT-WEB", "Cổng Sở Thông tin và Truyền thông", agency.Id);
        var taskId = await Factory.CreateTaskAsync(system.Id, "Cập nhật bản vá máy chủ web");
        return (await SignInAsync("tttt@tinh.vn"), taskId);
    }

    /// <summary>Uploads through the task's evidence form; returns the hash the new row names.</summary>
    private static async Task<string> UploadAsync(HttpClient officer, Guid taskId, byte[] content)
    {
        (await officer.PostFileAsync($"/Tasks/Attach/{taskId}", [], "Upload", "minh-chung.pdf", content)).AssertRedirectsTo($"/Tasks/Details/{taskId}");
        return FileTestKit.HashOf(content);
    }

    [Fact]
    public async Task Old_files_no_row_names_are_removed_and_named_recent_temporary_and_foreign_files_are_kept()
    {
        var (officer, taskId) = await ArrangeAsync();
        var root = Factory.FilesRoot;
        var now = DateTime.UtcNow;
        var named = FileTestKit.PathOf(root, await UploadAsync(officer, taskId, FileTestKit.Pdf("biên bản khắc phục")));
        File.SetLastWriteTimeUtc(named, now.AddHours(-3));
        var old = FileTestKit.PathOf(root, await FileTestKit.PlantAsync(root, FileTestKit.Pdf("tải lên bị ngắt trước khi lưu"), now.AddHours(-3)));
        var recent = FileTestKit.PathOf(root, await FileTestKit.PlantAsync(root, FileTestKit.Pdf("đang lưu hồ sơ"), now.AddMinutes(-30)));
        var foreign = Path.Combine(root, "ghi-chu.txt");
        await File.WriteAllTextAsync(foreign, "Không phải tệp của kho.");
        var strayHash = FileTestKit.HashOf(FileTestKit.Pdf("lạc thư mục"));
        var wrongFolder = strayHash.StartsWith("00", StringComparison.Ordinal) ? "11" : "00";
        var stray = Path.Combine(root, wrongFolder, wrongFolder, strayHash);
        Directory.CreateDirectory(Path.GetDirectoryName(stray)!);
        await File.WriteAllBytesAsync(stray, FileTestKit.Pdf("lạc thư mục"));
        var part = Path.Combine(root, "tmp", "dang-tai.part");
        Directory.CreateDirectory(Path.GetDirectoryName(part)!);
        await File.WriteAllBytesAsync(part, FileTestKit.Pdf("nửa tệp"));
        foreach (var path in new[] { foreign, stray, part })
        {
            File.SetLastWriteTimeUtc(path, now.AddHours(-3));
        }

        Assert.Equal(1, await SweepAsync(now));
        Assert.False(File.Exists(old));
        // Moved aside, not deleted: an operator can still put it back.
        Assert.True(File.Exists(Path.Combine(root, FileStore.QuarantineFolder, now.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture), Path.GetFileName(old))));
        Assert.True(File.Exists(named), "a file a row names was removed");
        Assert.True(File.Exists(recent), "a file written within the hour was removed");
        Assert.True(File.Exists(foreign) && File.Exists(stray), "a file that is not under its hash was removed");
        Assert.True(File.Exists(part), "the orphan sweep touched the temporary directory (SweepTemporaryFiles' job)");

        // The named file is still served; an hour later the recent orphan goes too, and still nothing else.
        var attachment = await Factory.WithDbAsync(db => db.Set<TaskAttachment>().Where(a => a.TaskId == taskId).Select(a => a.Id).SingleAsync());
        var download = await officer.GetAsync($"/Tasks/Details/{taskId}?handler=File&attachmentId={attachment}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(FileTestKit.Pdf("biên bản khắc phục"), await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, await SweepAsync(now.AddHours(1)));
        Assert.False(File.Exists(recent));
        Assert.True(File.Exists(named));
    }

    [Fact]
    public async Task Content_stored_again_while_the_sweeper_runs_is_written_again_and_kept_for_its_new_row()
    {
        var (officer, taskId) = await ArrangeAsync();
        var root = Factory.FilesRoot;
        await UploadAsync(officer, taskId, FileTestKit.Pdf("biên bản khắc phục"));
        // The same bytes were stored three hours ago by an upload whose row was never saved.
        var content = FileTestKit.Pdf("nhật ký cập nhật");
        var path = FileTestKit.PathOf(root, await FileTestKit.PlantAsync(root, content, DateTime.UtcNow.AddHours(-3)));

        // The sweeper reads the rows; the same content is uploaded again and its row saved; then the sweeper lists the files.
        var readBefore = await Factory.WithDbAsync(db => FileStore.ReferencedHashesAsync(db, CancellationToken.None));
        await UploadAsync(officer, taskId, content);
        Assert.True(File.GetLastWriteTimeUtc(path) > DateTime.UtcNow.AddMinutes(-5), "storing the same content again did not write the file again");
        Assert.Equal(0, Store.SweepOrphans(readBefore, DateTime.UtcNow));
        Assert.True(File.Exists(path));
        Assert.Equal(0, await SweepAsync(DateTime.UtcNow.AddHours(3)));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task A_store_its_database_does_not_know_is_never_emptied()
    {
        var root = Factory.FilesRoot;
        var now = DateTime.UtcNow;

        // No row names any stored file: a fresh or wrong database, not a crash.
        var lone = FileTestKit.PathOf(root, await FileTestKit.PlantAsync(root, FileTestKit.Pdf("hồ sơ cũ"), now.AddHours(-3)));
        Assert.Equal(0, await SweepAsync(now));
        Assert.True(File.Exists(lone));

        // One file named, more than ten unnamed and outnumbering it: still nothing is removed.
        var (officer, taskId) = await ArrangeAsync();
        File.SetLastWriteTimeUtc(FileTestKit.PathOf(root, await UploadAsync(officer, taskId, FileTestKit.Pdf("biên bản khắc phục"))), now.AddHours(-3));
        var unnamed = new List<string> { lone };
        for (var i = 0; i < FileStore.OrphansAlwaysSwept; i++)
        {
            unnamed.Add(FileTestKit.PathOf(root, await FileTestKit.PlantAsync(root, FileTestKit.Pdf($"tệp lạ {i}"), now.AddHours(-3))));
        }

        Assert.Equal(FileStore.OrphansAlwaysSwept + 1, unnamed.Count);
        Assert.Equal(0, await SweepAsync(now));
        Assert.All(unnamed, path => Assert.True(File.Exists(path)));

        // Ten: the few a crash could leave, swept.
        File.Delete(unnamed[0]);
        Assert.Equal(FileStore.OrphansAlwaysSwept, await SweepAsync(now));
        Assert.All(unnamed, path => Assert.False(File.Exists(path)));
        Assert.Single(FileTestKit.Hashes(root));
    }

    [Fact]
    public async Task The_portal_sweeps_at_start_up_once_its_database_is_ready()
    {
        var (officer, taskId) = await ArrangeAsync();
        var root = Factory.FilesRoot;
        var named = FileTestKit.PathOf(root, await UploadAsync(officer, taskId, FileTestKit.Pdf("biên bản khắc phục")));
        File.SetLastWriteTimeUtc(named, DateTime.UtcNow.AddHours(-3));
        var orphan = FileTestKit.PathOf(root, await FileTestKit.PlantAsync(root, FileTestKit.Pdf("tải lên bị ngắt"), DateTime.UtcNow.AddHours(-2)));

        // A second start of the portal on the same database and files.
        await using (var restarted = Factory.WithWebHostBuilder(_ => { }))
        {
            _ = restarted.Services;
        }

        Assert.False(File.Exists(orphan), "the start-up did not sweep a stored file no row names");
        Assert.True(File.Exists(named));
    }

    [Fact]
    public async Task The_sweeper_reads_every_column_of_the_model_that_names_a_stored_file()
    {
        var naming = await Factory.WithDbAsync(db => Task.FromResult(db.Model.GetEntityTypes()
            .Where(t => t.GetProperties().Any(p => p.Name.Contains("Sha256", StringComparison.OrdinalIgnoreCase)))
            // A scanner report's hash only recognises the same file imported twice: the report itself is never stored.
            .Where(t => t.ClrType != typeof(Domain.Scanning.ScanReportImport))
            // An UploadedFile is owned: the row that names the file is its owner's.
            .Select(t => (t.FindOwnership()?.PrincipalEntityType ?? t).ClrType.Name)
            .ToList()));
        // FileStore.ReferencedHashesAsync reads exactly these; a new kind of upload must be added there (and here).
        Assert.Equal([nameof(AssessmentEvidence), nameof(Domain.Directives.DirectiveEvidence), nameof(Domain.Directives.DirectiveFile), nameof(DossierAttachment), nameof(Domain.Support.SupportAttachment), nameof(TaskAttachment)],
            naming.Order(StringComparer.Ordinal));
    }
}

/// <summary>The store's layout as the tests see it (root/ab/cd/abcd…, each file named by the SHA-256 of its bytes) and small arrangements.</summary>
internal static class FileTestKit
{
    public static string PathOf(string root, string sha256) => Path.Combine(root, sha256[..2], sha256[2..4], sha256);

    public static string HashOf(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>A small valid PDF (the store checks the first bytes), different for every text.</summary>
    public static byte[] Pdf(string text) => Encoding.UTF8.GetBytes($"%PDF-1.4\n% {text}\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n");

    /// <summary>Writes a stored file no row names, last written at <paramref name="lastWriteUtc"/>; returns its hash.</summary>
    public static async Task<string> PlantAsync(string root, byte[] content, DateTime lastWriteUtc)
    {
        var hash = HashOf(content);
        var path = PathOf(root, hash);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllBytesAsync(path, content);
        File.SetLastWriteTimeUtc(path, lastWriteUtc);
        return hash;
    }

    /// <summary>The hashes of the files stored under their hash (the tmp directory and anything else left aside).</summary>
    public static HashSet<string> Hashes(string root)
    {
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        if (!Directory.Exists(root))
        {
            return hashes;
        }

        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            if (name.Length == 64 && file == PathOf(root, name))
            {
                hashes.Add(name);
            }
        }

        return hashes;
    }

    /// <summary>An open remediation task of the system, made the way the portal makes one.</summary>
    public static Task<Guid> CreateTaskAsync(this PortalFactory factory, Guid systemId, string title) => factory.WithDbAsync(async db =>
    {
        var task = new RemediationTask(
            systemId, title, null, TaskSource.Other, null, null, null, TaskSeverity.Medium,
            VietnamTime.Today(TimeProvider.System).AddDays(30), "kiem-thu", DateTime.UtcNow, "Kiểm thử");
        db.RemediationTasks.Add(task);
        await db.SaveChangesAsync();
        return task.Id;
    });
}
