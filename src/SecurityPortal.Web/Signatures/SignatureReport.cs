using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecurityPortal.Web.Signatures;

/// <summary>What a file's signatures came to: none, signed (each signature's verdict), or unreadable (why).</summary>
public enum SignatureOutcome
{
    NotSigned,
    HasSignatures,
    Unreadable,
}

/// <summary>One signature's verdict: who signed, when (and from what), valid or the reasons why not, and the revocation check.</summary>
public sealed record SignatureVerdict(
    string Signer,
    DateTime? SignedAtUtc,
    SigningTimeSource TimeSource,
    bool Valid,
    IReadOnlyList<string> Reasons,
    RevocationCheck Revocation);

/// <summary>Where the signing time was read: a verified time-stamp token, the signed signing-time attribute, the dictionary's /M (claimed, unsigned), or nowhere.</summary>
public enum SigningTimeSource
{
    None,
    Dictionary,
    SigningTimeAttribute,
    Timestamp,
}

/// <summary>Whether revocation data embedded in the file covered the signer: none, checked and not revoked, or revoked.</summary>
public enum RevocationCheck
{
    NoData,
    NotRevoked,
    Revoked,
}

/// <summary>The stored result of a file's signature check (DossierAttachment.SignatureReport holds it as JSON).</summary>
public sealed record SignatureReport(SignatureOutcome Outcome, string? Problem, IReadOnlyList<SignatureVerdict> Signatures)
{
    /// <summary>The reasons a signature is not valid, in the words the dossier page shows (each has its English entry).</summary>
    public static class Reasons
    {
        public const string ContentMismatch = "chữ ký không khớp nội dung";
        public const string ChangedAfterSigning = "tài liệu bị sửa sau khi ký";
        public const string UntrustedRoot = "chứng thư không thuộc gốc tin cậy đã cấu hình";
        public const string ExpiredAtSigning = "chứng thư hết hạn tại thời điểm ký";
        public const string Revoked = "chứng thư đã bị thu hồi";
        public const string InvalidChain = "chuỗi chứng thư không hợp lệ";
        public const string Malformed = "chữ ký bị hỏng, không đọc được";
        public const string Unsupported = "kiểu chữ ký không được hỗ trợ";
        public const string NoSignerCertificate = "chữ ký không kèm chứng thư của người ký";
    }

    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
    };

    public bool AllValid => Outcome == SignatureOutcome.HasSignatures && Signatures.All(s => s.Valid);

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    /// <summary>The stored report, or null when there is none or it cannot be read (shown as «not checked»).</summary>
    public static SignatureReport? FromJson(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<SignatureReport>(json, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
