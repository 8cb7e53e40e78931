using System.Security.Cryptography;

namespace SecurityPortal.Web.Pages.Admin.Users;

/// <summary>
/// A random initial password: 24 characters from an alphabet of 54 without look-alike letters, 24 × log2(54) ≈ 138 bits
/// (ASVS 5.0 V11.5.1 asks at least 128). The user must replace it at the first sign-in (<see cref="Data.Identity.PortalUser.MustChangePassword"/>).
/// </summary>
public static class TemporaryPassword
{
    public const string Alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public const int Length = 24;

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, Length);
}
