using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;
using SecurityPortal.Data.Identity;

namespace SecurityPortal.Web.Infrastructure.Identity;

/// <summary>
/// Rejects passwords that appear on a list of common passwords (ASVS 5.0 V6.2.4) or that repeat the
/// account's e-mail. The list ships inside the assembly (see the file's first line for its source).
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<PortalUser>
{
    private static readonly Lazy<FrozenSet<string>> CommonPasswords = new(Load);

    public static bool IsCommon(string password) => CommonPasswords.Value.Contains(password.ToLowerInvariant());

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        if (IsCommon(password))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordCommon",
                Description = "Mật khẩu này nằm trong danh sách mật khẩu phổ biến, dễ bị dò. Hãy chọn một cụm từ khác.",
            }));
        }

        var email = user.Email ?? user.UserName;
        if (!string.IsNullOrEmpty(email) && password.Contains(email.Split('@')[0], StringComparison.OrdinalIgnoreCase) && email.Split('@')[0].Length >= 4)
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordContainsUserName",
                Description = "Mật khẩu không được chứa tên đăng nhập.",
            }));
        }

        return Task.FromResult(IdentityResult.Success);
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream(
            "SecurityPortal.Web.Infrastructure.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded common-password list is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
            {
                set.Add(line);
            }
        }

        return set.ToFrozenSet(StringComparer.Ordinal);
    }
}
