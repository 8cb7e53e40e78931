using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using SecurityPortal.Data.Identity;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Infrastructure.Identity;

/// <summary>
/// Refuses a password found in the operator's offline breach corpus, <c>Security:BreachedPasswordsFile</c> (ASVS 5.0
/// V6.2.12): the portal runs without the internet, so no online service is asked. The built-in common-password list
/// (<see cref="CommonPasswordValidator"/>) applies whether or not a corpus is configured.
/// </summary>
public sealed class BreachedPasswordValidator(BreachedPasswords breached) : IPasswordValidator<PortalUser>
{
    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password) =>
        Task.FromResult(!string.IsNullOrEmpty(password) && breached.Contains(password)
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordBreached",
                Description = "Mật khẩu này đã bị lộ trong các vụ rò rỉ dữ liệu đã biết. Hãy chọn một cụm từ khác.",
            })
            : IdentityResult.Success);
}

/// <summary>
/// The corpus of <c>Security:BreachedPasswordsFile</c>, read once at the first check: one password, or one SHA-1 hash of a
/// password's UTF-8 bytes in hexadecimal (optionally followed by «:count», as breach corpora are published), per line; a line
/// of exactly 40 hexadecimal digits is read as a hash. Kept as the first 128 bits of each hash in a sorted array (16 bytes an
/// entry), searched by halving. A configured file that does not exist stops the start.
/// </summary>
public sealed class BreachedPasswords
{
    private const int HashHexLength = 40;
    private readonly Lazy<UInt128[]> _hashes;

    public BreachedPasswords(SecurityOptions security)
    {
        var path = security.BreachedPasswordsFile;
        _hashes = new Lazy<UInt128[]>(() => string.IsNullOrWhiteSpace(path) ? [] : Load(path));
    }

    /// <summary>Stops the start when a corpus is configured but missing: a typo would otherwise switch the check off unseen.</summary>
    public static void EnsureConfiguredFileExists(SecurityOptions security)
    {
        if (!string.IsNullOrWhiteSpace(security.BreachedPasswordsFile) && !File.Exists(security.BreachedPasswordsFile))
        {
            throw new PortalConfigurationException($"Security:BreachedPasswordsFile: không tìm thấy tệp «{security.BreachedPasswordsFile}».");
        }
    }

    public bool Contains(string password) =>
        _hashes.Value.Length > 0 && Array.BinarySearch(_hashes.Value, Hash(password)) >= 0;

    private static UInt128[] Load(string path)
    {
        var hashes = new List<UInt128>();
        Span<byte> hash = stackalloc byte[20];
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var candidate = colon == HashHexLength ? line[..HashHexLength] : line;
            if (candidate.Length == HashHexLength && Convert.FromHexString(candidate, hash, out _, out var written) == System.Buffers.OperationStatus.Done && written == 20)
            {
                hashes.Add(Prefix(hash));
            }
            else
            {
                hashes.Add(Hash(line));
            }
        }

        var sorted = hashes.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

#pragma warning disable CA5350 // SHA-1 is the corpora's own format: a lookup key, not a protection.
    private static UInt128 Hash(string password) => Prefix(SHA1.HashData(Encoding.UTF8.GetBytes(password)));
#pragma warning restore CA5350

    private static UInt128 Prefix(ReadOnlySpan<byte> sha1) =>
        BinaryPrimitives.ReadUInt128BigEndian(sha1[..16]);
}
