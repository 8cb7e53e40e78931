using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using SecurityPortal.Data.Identity;

namespace SecurityPortal.Web.Infrastructure.Identity;

/// <summary>
/// RFC 6238 authenticator codes, stricter than Identity's stock provider (which allows ±90 s): the code of the current
/// 30-second step and of the step just before it, never a future one, so a code is good for at most 30 s after the app
/// replaced it (typing time and a phone a little behind), and single use — a code whose time step is not newer than the last
/// accepted one is refused (ASVS 5.0 V6.5.1, V6.5.5; ADR 0005).
/// </summary>
public sealed class PortalTotpTokenProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<PortalUser>
{
    private const int StepSeconds = 30;
    private const int Digits = 6;

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<PortalUser> manager, PortalUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    /// <summary>Codes come from the user's authenticator app, never from the server.</summary>
    public Task<string> GenerateAsync(string purpose, UserManager<PortalUser> manager, PortalUser user) =>
        Task.FromResult(string.Empty);

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<PortalUser> manager, PortalUser user)
    {
        var code = token.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        if (code.Length != Digits || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || !Base32.TryDecode(key, out var secret))
        {
            return false;
        }

        var currentStep = clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        for (var step = currentStep - 1; step <= currentStep; step++)
        {
            if (user.LastTotpTimeStep is { } last && step <= last)
            {
                continue;
            }

            if (CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(Compute(secret, step)),
                    System.Text.Encoding.ASCII.GetBytes(code)))
            {
                user.LastTotpTimeStep = step;
                var saved = await manager.UpdateAsync(user);
                return saved.Succeeded;
            }
        }

        return false;
    }

    /// <summary>The code for one time step (RFC 4226 dynamic truncation over HMAC-SHA1, as RFC 6238 specifies).</summary>
    public static string Compute(byte[] secret, long timeStep)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, timeStep);
#pragma warning disable CA5350 // RFC 6238 authenticator apps use HMAC-SHA1; HMAC-SHA1 is not broken as a MAC.
        var hash = HMACSHA1.HashData(secret, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var binary = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (binary % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }
}

/// <summary>RFC 4648 base32, the encoding of authenticator keys.</summary>
public static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>Base32 without padding (20 bytes give the 32 letters authenticator apps expect).</summary>
    public static string Encode(ReadOnlySpan<byte> bytes)
    {
        var text = new System.Text.StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text.Append(Alphabet[(buffer >> bits) & 31]);
            }
        }

        if (bits > 0)
        {
            text.Append(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        return text.ToString();
    }

    public static bool TryDecode(string text, out byte[] bytes)
    {
        var clean = text.Trim().TrimEnd('=').Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var output = new List<byte>(clean.Length * 5 / 8);
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var value = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (value < 0)
            {
                bytes = [];
                return false;
            }

            buffer = (buffer << 5) | value;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        bytes = [.. output];
        return bytes.Length > 0;
    }
}
