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
public sealed class FileStore(FileStoreOptions options, IWebHostEnvironment environment, IFileScanner scanner, ILogger<FileStore> logger)
{
    /// <summary>
    /// Up to this many unreferenced old files are swept even when they outnumber the referenced ones, as long as the
    /// database names at least one stored file (see <see cref="SweepOrphans"/>).
    /// </summary>
    public const int OrphansAlwaysSwept = 10;

    /// <summary>Where swept files go, one folder per day, under the files root.</summary>
    public const string QuarantineFolder = "quarantine";

    /// <summary>Under <see cref="QuarantineFolder"/>: uploads the malware scanner flagged, under their hash.</summary>
    public const string InfectedFolder = "infected";

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
                    CheckZip(check, extension);
                }
            }

            await ScanAsync(temp, hash, cancellationToken);
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

    /// <summary>
    /// The malware scan of a complete upload, before it is stored (ASVS 5.0 V5.4.3, <see cref="IFileScanner"/>). A file the
    /// scanner flags is moved to quarantine/infected for the operator and refused; when the scanner gives no verdict the
    /// upload is refused too, unless <c>Files:ClamAvFailOpen</c> says to store it unscanned.
    /// </summary>
    private async Task ScanAsync(string temp, string hash, CancellationToken cancellationToken)
    {
        if (!scanner.Enabled)
        {
            return;
        }

        var verdict = await scanner.ScanAsync(temp, cancellationToken);
        if (verdict.Signature is { } signature)
        {
            var quarantine = Directory.CreateDirectory(Path.Combine(RootPath, QuarantineFolder, InfectedFolder));
            File.Move(temp, Path.Combine(quarantine.FullName, hash), overwrite: true);
            logger.LogWarning("Upload {Sha256} refused: the malware scanner found {Signature}; kept in {Quarantine}", hash, signature, quarantine.FullName);
            throw new UploadRejectedException($"Phần mềm diệt virus phát hiện mã độc trong tệp ({signature}): tệp không được nhận.");
        }

        if (!verdict.Clean)
        {
            if (!options.ClamAvFailOpen)
            {
                logger.LogError("Upload {Sha256} refused: the malware scanner gave no verdict ({Failure})", hash, verdict.Failure);
                throw new UploadRejectedException("Chưa kiểm tra được virus cho tệp (máy quét virus không trả lời): tệp chưa được nhận. Vui lòng thử lại sau hoặc báo quản trị viên.");
            }

            logger.LogWarning("Upload {Sha256} stored unscanned: the malware scanner gave no verdict ({Failure}) and Files:ClamAvFailOpen is on", hash, verdict.Failure);
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

    /// <summary>
    /// A ZIP, or an Office document (a ZIP too), is opened and every entry read (ASVS 5.0 V5.2.2): at most
    /// <see cref="FileStoreOptions.MaxZipEntries"/> entries, names that stay relative and printable (no absolute path, drive,
    /// «..» step or control character: the archive may be unpacked by whoever downloads it), no entry that unpacks to more
    /// than 1000 times its packed size, and the bytes really unpacked (not the sizes the archive claims) within
    /// <see cref="FileStoreOptions.MaxUnpackedBytes"/> in all. A .docx or .xlsx must also be an Office package of its kind.
    /// </summary>
    private void CheckZip(Stream stream, string extension)
    {
        try
        {
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > options.MaxZipEntries)
            {
                throw new UploadRejectedException($"Tệp nén có quá nhiều mục ({zip.Entries.Count}); tối đa {options.MaxZipEntries}.");
            }

            if (zip.Entries.Any(e => !IsSafeEntryName(e.FullName)))
            {
                throw new UploadRejectedException("Tệp nén có mục mang tên không an toàn (đường dẫn tuyệt đối, «..» hoặc ký tự điều khiển): không được chấp nhận.");
            }

            var buffer = new byte[81920];
            long unpacked = 0;
            foreach (var entry in zip.Entries)
            {
                // The sizes in the archive's directory can lie: the entry is unpacked and its bytes counted.
                long length = 0;
                var crc = 0xFFFFFFFFu;
                using var content = entry.Open();
                int read;
                while ((read = content.Read(buffer)) > 0)
                {
                    crc = Crc32(crc, buffer.AsSpan(0, read));
                    length += read;
                    unpacked += read;
                    if (unpacked > options.MaxUnpackedBytes || length / Math.Max(entry.CompressedLength, 1) > 1000)
                    {
                        throw new UploadRejectedException("Tệp nén giải nén ra quá lớn (nghi là «bom nén»): không được chấp nhận.");
                    }
                }

                // The reader stops at the size the archive claims; a claim that is not the data's (a smaller size, to slip a
                // bomb past a checker) leaves a checksum that does not match.
                if (~crc != entry.Crc32 || length != entry.Length)
                {
                    throw new InvalidDataException($"Entry {entry.FullName}: size or checksum does not match its data.");
                }
            }

            var part = extension switch { ".docx" => "word/", ".xlsx" => "xl/", _ => null };
            if (part is not null && (zip.GetEntry("[Content_Types].xml") is null || !zip.Entries.Any(e => e.FullName.StartsWith(part, StringComparison.Ordinal))))
            {
                throw new UploadRejectedException($"Tệp không phải tài liệu {extension} hợp lệ (thiếu phần [Content_Types].xml hoặc nội dung «{part}»).");
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or NotSupportedException or IOException)
        {
            // A damaged archive, an unknown compression method, an encrypted entry or sizes that contradict the data.
            throw new UploadRejectedException("Tệp nén bị hỏng hoặc không đọc được.");
        }
    }

    private static readonly uint[] CrcTable = [.. Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++)
        {
            c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }

        return c;
    })];

    /// <summary>ZIP's CRC-32 (IEEE 802.3), continued over <paramref name="data"/>; start at 0xFFFFFFFF, invert at the end.</summary>
    private static uint Crc32(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    /// <summary>A relative name of printable characters, without a drive, a leading slash or a «..» step.</summary>
    internal static bool IsSafeEntryName(string name) =>
        name.Length is > 0 and <= 400
        && !name.Any(char.IsControl)
        && !name.StartsWith('/') && !name.StartsWith('\\')
        && !name.Contains(':', StringComparison.Ordinal)
        && !name.Split('/', '\\').Any(segment => segment == "..");
}
