using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Catalog;

/// <summary>
/// A requirement catalog as a JSON file: the shipped TT 12/2022 catalog and any catalog a province imports
/// (for example one built on TCVN 14423:2026). <see cref="Validate"/> explains every problem in Vietnamese.
/// </summary>
public sealed record CatalogDocument
{
    public const int MaxRequirements = 5000;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All),
        MaxDepth = 16,
    };

    public string Code { get; init; } = string.Empty;
    public string Title { get; init; } = string.Empty;
    public string LegalBasis { get; init; } = string.Empty;
    public string EffectiveDate { get; init; } = string.Empty;
    public List<GroupEntry> Groups { get; init; } = [];
    public List<RequirementEntry> Requirements { get; init; } = [];

    public sealed record GroupEntry
    {
        public string Code { get; init; } = string.Empty;
        public RequirementKind Kind { get; init; }
        public string Title { get; init; } = string.Empty;
        public string? TitleEn { get; init; }
    }

    public sealed record RequirementEntry
    {
        public string Code { get; init; } = string.Empty;
        public string Group { get; init; } = string.Empty;
        public RequirementKind Kind { get; init; }
        public string Title { get; init; } = string.Empty;
        public string? TitleEn { get; init; }
        public string Text { get; init; } = string.Empty;
        public string? Guidance { get; init; }
        public string? Evidence { get; init; }
        public Dictionary<string, LevelEntry> Levels { get; init; } = [];
    }

    public sealed record LevelEntry
    {
        public string Text { get; init; } = string.Empty;
        public string Reference { get; init; } = string.Empty;
    }

    /// <summary>Reads a catalog file; a file that is not valid JSON of this shape is refused with the position of the problem.</summary>
    public static CatalogDocument Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            var document = JsonSerializer.Deserialize<CatalogDocument>(json, Options) ?? throw new DomainException("Tệp danh mục rỗng.");
            return document.WithoutNulls();
        }
        catch (JsonException ex)
        {
            throw new DomainException($"Tệp danh mục không đúng định dạng JSON (dòng {ex.LineNumber + 1}, vị trí {ex.BytePositionInLine + 1}).");
        }
    }

    /// <summary>A file may write null where text is expected; it is read as empty text, which validation then reports.</summary>
    private CatalogDocument WithoutNulls() => this with
    {
        Code = Code ?? string.Empty,
        Title = Title ?? string.Empty,
        LegalBasis = LegalBasis ?? string.Empty,
        EffectiveDate = EffectiveDate ?? string.Empty,
        Groups = (Groups ?? []).Where(g => g is not null).Select(g => g with { Code = g.Code ?? string.Empty, Title = g.Title ?? string.Empty }).ToList(),
        Requirements = (Requirements ?? []).Where(r => r is not null).Select(r => r with
        {
            Code = r.Code ?? string.Empty,
            Group = r.Group ?? string.Empty,
            Title = r.Title ?? string.Empty,
            Text = r.Text ?? string.Empty,
            Levels = (r.Levels ?? []).ToDictionary(
                l => l.Key,
                l => l.Value is null ? new LevelEntry() : l.Value with { Text = l.Value.Text ?? string.Empty, Reference = l.Value.Reference ?? string.Empty }),
        }).ToList(),
    };

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Options);

    public static string HashOf(ReadOnlySpan<byte> json) => Convert.ToHexStringLower(SHA256.HashData(json));

    /// <summary>Every problem of the file, one sentence each; empty when the catalog can be loaded.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        void Check(bool ok, string message)
        {
            if (!ok)
            {
                errors.Add(message);
            }
        }

        Check(!string.IsNullOrWhiteSpace(Code) && Code.Trim().Length <= CatalogVersion.CodeMaxLength, $"Mã danh mục không được để trống và tối đa {CatalogVersion.CodeMaxLength} ký tự.");
        Check(!string.IsNullOrWhiteSpace(Title) && Title.Trim().Length <= CatalogVersion.TitleMaxLength, $"Tên danh mục không được để trống và tối đa {CatalogVersion.TitleMaxLength} ký tự.");
        Check(!string.IsNullOrWhiteSpace(LegalBasis), "Căn cứ pháp lý không được để trống.");
        Check(DateOnly.TryParseExact(EffectiveDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _), $"Ngày hiệu lực «{EffectiveDate}» phải có dạng yyyy-MM-dd.");
        Check(Requirements.Count is > 0 and <= MaxRequirements, $"Danh mục phải có từ 1 đến {MaxRequirements} yêu cầu.");
        foreach (var duplicate in Groups.GroupBy(g => g.Code.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"Mã nhóm «{duplicate.Key}» bị trùng.");
        }

        foreach (var duplicate in Requirements.GroupBy(r => r.Code.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
        {
            errors.Add($"Mã yêu cầu «{duplicate.Key}» bị trùng ({duplicate.Count()} lần).");
        }

        foreach (var group in Groups)
        {
            Check(!string.IsNullOrWhiteSpace(group.Code) && group.Code.Length <= CatalogVersion.CodeMaxLength, "Có nhóm không có mã (hoặc mã quá dài).");
            Check(!string.IsNullOrWhiteSpace(group.Title), $"Nhóm «{group.Code}» không có tên.");
        }

        var groups = Groups.Select(g => g.Code.Trim()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (requirement, index) in Requirements.Select((r, i) => (r, i + 1)))
        {
            var name = string.IsNullOrWhiteSpace(requirement.Code) ? $"Yêu cầu thứ {index}" : $"Yêu cầu «{requirement.Code}»";
            Check(!string.IsNullOrWhiteSpace(requirement.Code) && requirement.Code.Length <= CatalogVersion.CodeMaxLength, $"{name}: thiếu mã hoặc mã dài quá {CatalogVersion.CodeMaxLength} ký tự.");
            Check(groups.Contains(requirement.Group.Trim()), $"{name}: nhóm «{requirement.Group}» không có trong danh sách nhóm.");
            Check(Enum.IsDefined(requirement.Kind), $"{name}: loại yêu cầu không hợp lệ (Management hoặc Technical).");
            Check(!string.IsNullOrWhiteSpace(requirement.Title) && requirement.Title.Length <= CatalogVersion.TitleMaxLength, $"{name}: tên không được để trống và tối đa {CatalogVersion.TitleMaxLength} ký tự.");
            Check(!string.IsNullOrWhiteSpace(requirement.Text) && requirement.Text.Length <= CatalogVersion.TextMaxLength, $"{name}: nội dung không được để trống và tối đa {CatalogVersion.TextMaxLength} ký tự.");
            Check(requirement.Levels.Count > 0, $"{name}: không áp dụng cho cấp độ nào.");
            foreach (var (key, level) in requirement.Levels)
            {
                Check(key is "1" or "2" or "3" or "4" or "5", $"{name}: cấp độ «{key}» không hợp lệ (chỉ từ 1 đến 5).");
                Check(!string.IsNullOrWhiteSpace(level.Text) && level.Text.Length <= CatalogVersion.TextMaxLength, $"{name}, cấp độ {key}: nội dung không được để trống.");
                Check(!string.IsNullOrWhiteSpace(level.Reference) && level.Reference.Length <= CatalogVersion.TitleMaxLength, $"{name}, cấp độ {key}: thiếu căn cứ (mục của phụ lục, tiêu chuẩn).");
            }
        }

        return errors;
    }

    /// <summary>A draft version built from a valid document; the caller publishes it.</summary>
    public CatalogVersion ToVersion(string contentHash)
    {
        var errors = Validate();
        if (errors.Count > 0)
        {
            throw new DomainException($"Danh mục có {errors.Count} lỗi: {string.Join(" ", errors.Take(20))}");
        }

        var version = new CatalogVersion(Code.Trim(), Title.Trim(), LegalBasis.Trim(),
            DateOnly.ParseExact(EffectiveDate, "yyyy-MM-dd", CultureInfo.InvariantCulture), contentHash);
        foreach (var group in Groups)
        {
            version.AddGroup(group.Code.Trim(), group.Kind, group.Title.Trim(), group.TitleEn?.Trim());
        }

        foreach (var r in Requirements)
        {
            version.AddRequirement(r.Code.Trim(), r.Group.Trim(), r.Kind, r.Title.Trim(), r.TitleEn?.Trim(), r.Text.Trim(), Blank(r.Guidance), Blank(r.Evidence),
                r.Levels.OrderBy(l => l.Key, StringComparer.Ordinal)
                    .Select(l => (int.Parse(l.Key, CultureInfo.InvariantCulture), l.Value.Text.Trim(), l.Value.Reference.Trim())));
        }

        return version;
    }

    /// <summary>The document of a stored version, for export.</summary>
    public static CatalogDocument From(CatalogVersion version) => new()
    {
        Code = version.Code,
        Title = version.Title,
        LegalBasis = version.LegalBasis,
        EffectiveDate = version.EffectiveDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Groups = version.Groups.OrderBy(g => g.Order).Select(g => new GroupEntry { Code = g.Code, Kind = g.Kind, Title = g.Title, TitleEn = g.TitleEn }).ToList(),
        Requirements = version.Requirements.OrderBy(r => r.Order).Select(r => new RequirementEntry
        {
            Code = r.Code, Group = r.GroupCode, Kind = r.Kind, Title = r.Title, TitleEn = r.TitleEn, Text = r.Text, Guidance = r.Guidance, Evidence = r.Evidence,
            Levels = r.Levels.OrderBy(l => l.Level).ToDictionary(
                l => l.Level.ToString(CultureInfo.InvariantCulture), l => new LevelEntry { Text = l.Text, Reference = l.Reference }),
        }).ToList(),
    };

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
