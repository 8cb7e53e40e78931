using System.Security.Cryptography;

namespace SecurityPortal.Web.Pages.Admin.Users;

/// <summary>A random initial password: 20 characters from an alphabet without look-alike letters (≈ 113 bits).</summary>
public static class TemporaryPassword
{
    private const string Alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string Generate() => RandomNumberGenerator.GetString(Alphabet, 20);
}
