using Microsoft.AspNetCore.Identity;
using SecurityPortal.Data.Identity;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Infrastructure.Identity;

/// <summary>
/// Refuses a password built on the words an attacker would try first here (ASVS 5.0 V6.2.11): the product's name, the
/// province's name (configuration: «Tỉnh Sông Lam» gives «songlam»), and the account's own name and e-mail parts
/// (the local part, and the domain's labels but for gov, com, net, org, edu, vn). Compared without diacritics, case,
/// spaces or punctuation, so «SongLam@2026» and «Sông-Lâm 2026!» are both refused. Words shorter than four letters are
/// not used: they would refuse too much.
/// </summary>
public sealed class ContextWordsPasswordValidator(PortalOptions portal) : IPasswordValidator<PortalUser>
{
    private const int ShortestWord = 4;
    private static readonly string[] ProductWords = ["securityportal", "security", "portal"];
    private static readonly string[] ProvincePrefixes = ["tinh ", "thanh pho "];
    private static readonly string[] CommonLabels = ["gov", "com", "net", "org", "edu", "vn"];

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var folded = Letters(password);
        var word = Words(user).FirstOrDefault(w => folded.Contains(w, StringComparison.Ordinal));
        return Task.FromResult(word is null
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordContextWord",
                Description = $"Mật khẩu không được chứa tên cổng, tên tỉnh, tên hoặc địa chỉ thư của bạn (có «{word}»).",
            }));
    }

    /// <summary>The words refused for this account, folded like the password.</summary>
    public IEnumerable<string> Words(PortalUser user)
    {
        var province = SearchText.Normalize(portal.ProvinceName);
        province = ProvincePrefixes.Aggregate(province, (p, prefix) => p.StartsWith(prefix, StringComparison.Ordinal) ? p[prefix.Length..] : p);
        var email = (user.Email ?? user.UserName ?? string.Empty).ToLowerInvariant();
        var at = email.IndexOf('@', StringComparison.Ordinal);
        var domainLabels = at < 0 ? [] : email[(at + 1)..].Split('.').Where(l => !CommonLabels.Contains(l));
        return ProductWords
            .Append(province)
            .Concat(SearchText.Normalize(user.FullName).Split(' '))
            .Append(at < 0 ? email : email[..at])
            .Concat(domainLabels)
            .Select(Letters)
            .Where(w => w.Length >= ShortestWord)
            .Distinct();
    }

    /// <summary>Lower-case letters and digits only, without diacritics.</summary>
    private static string Letters(string? text) => new([.. SearchText.Normalize(text).Where(char.IsLetterOrDigit)]);
}
