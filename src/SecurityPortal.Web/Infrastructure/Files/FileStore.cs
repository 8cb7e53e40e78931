using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Infrastructure.Files;

/// <summary>A file accepted by the store: its content hash, size and the type found in its first bytes.</summary>
public sealed record StoredFile(string Sha256, long Length, string ContentType);

/// <summary>An upload refused with a message the user can act on.</summary>
public sealed class UploadRejectedException(string message) : Exception(message);

/// <summary>
/// Evidence and dossier files: checked by their first bytes (never by name), size-capped, stored once by SHA-256
/// outside the web root. A file is written to a temporary name first and moved into place only when complete, so a
/// crash leaves no half file under a hash; <see cref="SweepTemporaryFiles"/> removes what a crash left behind.
/// The file is moved before its row is saved, so a row never names a missing file; a crash (or a refused save) between
/// the two leaves a file no row names, which <see cref="SweepOrphansAsync"/> moves to the quarantine folder once it is an hour old.
/// </summary>
public sealed class FileStore(FileStoreOptions options, IWebHostEnvironment environment, ILogger<FileStore> logger)
{
    /// <summary>
    /// Up to this many unreferenced old files are swept even when they outnumber the referenced ones, as long as the
    /// database names at least one stored file (see <see cref="SweepOrphans"/>).
    /// </summary>
    public const int OrphansAlwaysSwept = 10;

    /// <summary>Where swept files go, one folder per day, under the files root.</summary>
    public const string QuarantineFolder = "quarantine";

    private static readonly (string Extension, string ContentType, byte[] Magic)[] Kinds =
    [
        (".pdf", "application/pdf", "%PDF-"u8.ToArray()),
        (".png", "image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]),
        (".jpg", "image/jpeg", [0xFF, 0xD8, 0xFF]),
        (".jpeg", "image/jpeg", [0xFF, 0xD8, 0xFF]),
        (".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", [0x50, 0x4B, 0x03, 0x04]),
        (".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", [0x50, 0x4B, 0x03, 0x04]),
        (".zip", "application/zip", [0x50, 0x4B, 0x03, 0x04]),
        (".doc", "application/msword", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
        (".xls", "application/vnd.ms-excel", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
    ];

    public static string AllowedExtensions => string.Join(", ", Kinds.Select(k => k.Extension).Distinct());

    public long MaxBytes => options.MaxBytes;

    private string RootPath => Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Root));

    public async Task<StoredFile> SaveAsync(IFormFile? upload, CancellationToken cancellationToken)
    {
        if (upload is null || upload.Length == 0)
        {
            throw new UploadRejectedException("Vui lòng chọn tệp để tải lên.");
        }

        if (upload.Length > options.MaxBytes)
        {
            throw new UploadRejectedException($"Tệp quá lớn: tối đa {options.MaxBytes / 1024 / 1024} MB.");
        }

        var extension = Path.GetExtension(upload.FileName ?? string.Empty).ToLowerInvariant();
        var kind = Kinds.FirstOrDefault(k => k.Extension == extension);
        if (kind.Extension is null)
        {
            throw new UploadRejectedException($"Loại tệp «{extension}» không được chấp nhận. Chỉ nhận: {AllowedExtensions}.");
        }

        var temp = Path.Combine(Directory.CreateDirectory(Path.Combine(RootPath, "tmp")).FullName, $"{Guid.NewGuid():N}.part");
        try
        {
            var (hash, length) = await CopyAndHashAsync(upload, temp, cancellationToken);
            await using (var check = File.OpenRead(temp))
            {
                var head = new byte[16];
                var read = await check.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
                if (!head.AsSpan(0, read).StartsWith(kind.Magic))
                {
                    throw new UploadRejectedException($"Nội dung tệp không đúng định dạng {extension} (kiểm tra theo các byte đầu của tệp, không theo tên).");
                }

                if (kind.Magic[0] == 0x50)
                {
                    check.Position = 0;
                    CheckZip(check);
                }
            }

            var target = PathOf(hash);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            // Same bytes under the same name: when the content is already stored, the move replaces it (atomically) with a
            // freshly written copy, so the orphan sweeper, which spares recent files, keeps it while this upload's row is saved.
            File.Move(temp, target, overwrite: true);
            return new StoredFile(hash, length, kind.ContentType);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>The file of a hash; the hash is validated, so no name from a request ever becomes a path.</summary>
    public Stream? OpenRead(string sha256)
    {
        var path = PathOf(sha256);
        return File.Exists(path) ? File.OpenRead(path) : null;
    }

    /// <summary>Removes temporary files older than an hour: uploads a crash interrupted.</summary>
    public int SweepTemporaryFiles(DateTime nowUtc)
    {
        var temp = new DirectoryInfo(Path.Combine(RootPath, "tmp"));
        if (!temp.Exists)
        {
            return 0;
        }

        var removed = 0;
        foreach (var file in temp.EnumerateFiles("*.part").Where(f => f.LastWriteTimeUtc < nowUtc.AddHours(-1)))
        {
            file.Delete();
            removed++;
        }

        if (removed > 0)
        {
            logger.LogInformation("Removed {Count} interrupted uploads", removed);
        }

        return removed;
    }

    /// <summary>
    /// The hashes the database refers to: every column that names a stored file (dossier attachments, assessment
    /// evidence, task attachments, directive files and answers' evidence, support requests' attachments), one query each. A new kind of upload must be added here, or its files would be swept
    /// (FileSweepTests checks the EF model for this).
    /// </summary>
    public static async Task<HashSet<string>> ReferencedHashesAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        referenced.UnionWith(await db.DossierAttachments.Select(a => a.File.Sha256).Distinct().ToListAsync(cancellationToken));
        referenced.UnionWith(await db.AssessmentEvidence.Select(e => e.File.Sha256).Distinct().ToListAsync(cancellationToken));
        referenced.UnionWith(await db.Set<TaskAttachment>().Select(a => a.File.Sha256).Distinct().ToListAsync(cancellationToken));
        referenced.UnionWith(await db.DirectiveFiles.Select(f => f.File.Sha256).Distinct().ToListAsync(cancellationToken));
        referenced.UnionWith(await db.DirectiveEvidence.Select(e => e.File.Sha256).Distinct().ToListAsync(cancellationToken));
        referenced.UnionWith(await db.SupportAttachments.Select(a => a.File.Sha256).Distinct().ToListAsync(cancellationToken));
        return referenced;
    }

    /// <summary>
    /// Removes the stored files no row refers to and that were last written more than an hour before
    /// <paramref name="nowUtc"/>; returns how many. The hashes are read before the files are listed, so a row saved
    /// meanwhile names a file written within the hour (a new file, or one stored again: <see cref="SaveAsync"/> rewrites
    /// it), which is spared. Called at start once the database is ready.
    /// </summary>
    public async Task<int> SweepOrphansAsync(PortalDbContext db, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(RootPath))
        {
            return 0;
        }

        return SweepOrphans(await ReferencedHashesAsync(db, cancellationToken), nowUtc);
    }

    /// <summary>
    /// The sweep of <see cref="SweepOrphansAsync"/> against hashes already read. Nothing is removed, and a warning says
    /// why, when the database knows none of the stored files, or when more than <see cref="OrphansAlwaysSwept"/> old files
    /// are unreferenced and they outnumber the referenced ones: that is a database that does not belong to this store (a
    /// wrong connection string, a fresh database, a restore in progress), not the few files a crash leaves.
    /// </summary>
    public int SweepOrphans(IReadOnlySet<string> referenced, DateTime nowUtc)
    {
        var cutoff = nowUtc.AddHours(-1);
        var stored = 0;
        var referencedStored = 0;
        var orphans = new List<FileInfo>();
        foreach (var file in StoredFiles())
        {
            stored++;
            if (referenced.Contains(file.Name))
            {
                referencedStored++;
            }
            else if (file.LastWriteTimeUtc < cutoff)
            {
                orphans.Add(file);
            }
        }

        if (orphans.Count > 0 && (referencedStored == 0 || (orphans.Count > OrphansAlwaysSwept && orphans.Count > referencedStored)))
        {
            logger.LogWarning(
                "{Orphans} of {Stored} stored files are older than an hour and named by no record, {Referenced} are named: the database does not look like this store's, so no file is removed",
                orphans.Count, stored, referencedStored);
            return 0;
        }

        // Moved aside, never deleted: a file whose row was removed on purpose, or a database restored from an older
        // backup, may still want it. An operator empties the quarantine (docs/database.md).
        var quarantine = Directory.CreateDirectory(Path.Combine(RootPath, QuarantineFolder, nowUtc.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture)));
        var removed = 0;
        foreach (var file in orphans)
        {
            // Stored again since it was listed: recent again, and about to be named by a row.
            file.Refresh();
            if (file.Exists && file.LastWriteTimeUtc < cutoff)
            {
                file.MoveTo(Path.Combine(quarantine.FullName, file.Name), overwrite: true);
                removed++;
            }
        }

        logger.LogInformation("Moved {Count} of {Stored} stored files that no record names to {Quarantine}", removed, stored, quarantine.FullName);
        return removed;
    }

    /// <summary>The files under their hash (root/ab/cd/abcd…); the tmp directory and anything else are left alone.</summary>
    private IEnumerable<FileInfo> StoredFiles()
    {
        var root = new DirectoryInfo(RootPath);
        if (!root.Exists)
        {
            yield break;
        }

        foreach (var first in root.EnumerateDirectories().Where(d => IsHex(d.Name, 2)))
        {
            foreach (var second in first.EnumerateDirectories().Where(d => IsHex(d.Name, 2)))
            {
                var prefix = first.Name + second.Name;
                foreach (var file in second.EnumerateFiles().Where(f => IsHex(f.Name, 64) && f.Name.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    yield return file;
                }
            }
        }
    }

    private static bool IsHex(string value, int length) => value.Length == length && value.All(char.IsAsciiHexDigitLower);

    private string PathOf(string sha256)
    {
        if (!IsHex(sha256, 64))
        {
            throw new ArgumentException("Not a SHA-256 hex digest.", nameof(sha256));
        }

        return Path.Combine(RootPath, sha256[..2], sha256[2..4], sha256);
    }

    private async Task<(string Hash, long Length)> CopyAndHashAsync(IFormFile upload, string temp, CancellationToken cancellationToken)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long length = 0;
        await using var source = upload.OpenReadStream();
        await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, buffer.Length, FileOptions.Asynchronous))
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
            {
                length += read;
                if (length > options.MaxBytes)
                {
                    throw new UploadRejectedException($"Tệp quá lớn: tối đa {options.MaxBytes / 1024 / 1024} MB.");
                }

                sha.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            await target.FlushAsync(cancellationToken);
            target.Flush(flushToDisk: true);
        }

        return (Convert.ToHexStringLower(sha.GetHashAndReset()), length);
    }

    private void CheckZip(Stream stream)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > options.MaxZipEntries)
            {
                throw new UploadRejectedException($"Tệp nén có quá nhiều mục ({zip.Entries.Count}); tối đa {options.MaxZipEntries}.");
            }

            // The sizes in the archive's directory can lie; they are checked here and the ratio bounds what they claim.
            long unpacked = 0;
            foreach (var entry in zip.Entries)
            {
                unpacked += entry.Length;
                if (unpacked > options.MaxUnpackedBytes || (entry.CompressedLength > 0 && entry.Length / entry.CompressedLength > 1000))
                {
                    throw new UploadRejectedException("Tệp nén giải nén ra quá lớn (nghi là «bom nén»): không được chấp nhận.");
                }
            }
        }
        catch (InvalidDataException)
        {
            throw new UploadRejectedException("Tệp nén bị hỏng hoặc không đọc được.");
        }
    }
}
