using SecurityPortal.Domain.Catalog;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Catalog;

/// <summary>
/// A catalog as an Excel workbook, the same content as the JSON file: a sheet for the version, one for the groups,
/// one for the requirements with the wording and reference of each level (empty: the level does not apply).
/// Reading it back gives a <see cref="CatalogDocument"/> that goes through the same validation as the JSON import.
/// </summary>
public static class CatalogWorkbook
{
    public const string VersionSheet = "Danh mục";
    public const string GroupsSheet = "Nhóm yêu cầu";
    public const string RequirementsSheet = "Yêu cầu";

    private static readonly string[] VersionFields = ["Mã danh mục", "Tên danh mục", "Căn cứ pháp lý", "Ngày hiệu lực (yyyy-MM-dd)"];
    private static readonly string[] GroupHeader = ["Mã nhóm", "Loại (Quản lý / Kỹ thuật)", "Tên nhóm", "Tên tiếng Anh"];
    private static readonly string[] RequirementHeader =
    [
        "Mã yêu cầu", "Mã nhóm", "Loại (Quản lý / Kỹ thuật)", "Tên yêu cầu", "Tên tiếng Anh", "Nội dung", "Hướng dẫn", "Minh chứng thường dùng",
        "Cấp độ 1: nội dung", "Cấp độ 1: căn cứ", "Cấp độ 2: nội dung", "Cấp độ 2: căn cứ", "Cấp độ 3: nội dung", "Cấp độ 3: căn cứ",
        "Cấp độ 4: nội dung", "Cấp độ 4: căn cứ", "Cấp độ 5: nội dung", "Cấp độ 5: căn cứ",
    ];

    public static byte[] Write(CatalogDocument document) => Spreadsheet.Write(
    [
        (VersionSheet, ["Trường", "Giá trị"], VersionFields.Zip([document.Code, document.Title, document.LegalBasis, document.EffectiveDate])
            .Select(x => (IReadOnlyList<object?>)[x.First, x.Second])),
        (GroupsSheet, GroupHeader, document.Groups.Select(g => (IReadOnlyList<object?>)[g.Code, KindName(g.Kind), g.Title, g.TitleEn])),
        (RequirementsSheet, RequirementHeader, document.Requirements.Select(r => (IReadOnlyList<object?>)
        [
            r.Code, r.Group, KindName(r.Kind), r.Title, r.TitleEn, r.Text, r.Guidance, r.Evidence,
            .. Enumerable.Range(1, 5).SelectMany(level => r.Levels.TryGetValue(Key(level), out var l) ? new object?[] { l.Text, l.Reference } : [null, null]),
        ])),
    ]);

    /// <summary>Reads a workbook written by <see cref="Write"/> (or filled in by hand); problems of shape are returned, content is validated later.</summary>
    public static (CatalogDocument? Document, IReadOnlyList<string> Errors) Read(Stream stream)
    {
        IReadOnlyList<Spreadsheet.Sheet> sheets;
        try
        {
            sheets = Spreadsheet.Read(stream, [VersionSheet, GroupsSheet, RequirementsSheet]);
        }
        catch (Exception ex) when (ex is InvalidDataException or Spreadsheet.LimitException)
        {
            return (null, [ex is Spreadsheet.LimitException ? $"Tệp quá lớn: {ex.Message}" : "Tệp không phải là bảng tính Excel (.xlsx) đọc được."]);
        }

        var errors = new List<string>();
        Spreadsheet.Sheet? Find(string name)
        {
            var sheet = sheets.FirstOrDefault(s => SearchText.Normalize(s.Name) == SearchText.Normalize(name));
            if (sheet is null)
            {
                errors.Add($"Thiếu trang «{name}».");
            }

            return sheet;
        }

        var versionSheet = Find(VersionSheet);
        var groupsSheet = Find(GroupsSheet);
        var requirementsSheet = Find(RequirementsSheet);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var fields = versionSheet!.Rows.ToDictionary(r => SearchText.Normalize(Cell(r.Cells, 0)), r => Cell(r.Cells, 1));
        string Field(int index) => fields.GetValueOrDefault(SearchText.Normalize(VersionFields[index])) ?? string.Empty;

        var groups = new List<CatalogDocument.GroupEntry>();
        foreach (var (number, cells) in groupsSheet!.Rows.Where(r => r.Cells.Any(c => c.Length > 0)))
        {
            groups.Add(new CatalogDocument.GroupEntry { Code = Cell(cells, 0), Kind = Kind(Cell(cells, 1), $"Trang «{GroupsSheet}», dòng {number}", errors), Title = Cell(cells, 2), TitleEn = Optional(Cell(cells, 3)) });
        }

        var requirements = new List<CatalogDocument.RequirementEntry>();
        foreach (var (number, cells) in requirementsSheet!.Rows.Where(r => r.Cells.Any(c => c.Length > 0)))
        {
            var levels = new Dictionary<string, CatalogDocument.LevelEntry>(StringComparer.Ordinal);
            for (var level = 1; level <= 5; level++)
            {
                var text = Cell(cells, 6 + (2 * level));
                var reference = Cell(cells, 7 + (2 * level));
                if (text.Length > 0 || reference.Length > 0)
                {
                    levels[Key(level)] = new CatalogDocument.LevelEntry { Text = text, Reference = reference };
                }
            }

            requirements.Add(new CatalogDocument.RequirementEntry
            {
                Code = Cell(cells, 0), Group = Cell(cells, 1), Kind = Kind(Cell(cells, 2), $"Trang «{RequirementsSheet}», dòng {number}", errors),
                Title = Cell(cells, 3), TitleEn = Optional(Cell(cells, 4)), Text = Cell(cells, 5), Guidance = Optional(Cell(cells, 6)), Evidence = Optional(Cell(cells, 7)),
                Levels = levels,
            });
        }

        var document = new CatalogDocument
        {
            Code = Field(0), Title = Field(1), LegalBasis = Field(2), EffectiveDate = Field(3), Groups = groups, Requirements = requirements,
        };
        return (errors.Count > 0 ? null : document, errors);
    }

    private static string KindName(RequirementKind kind) => kind == RequirementKind.Technical ? "Kỹ thuật" : "Quản lý";

    private static RequirementKind Kind(string text, string where, List<string> errors)
    {
        switch (SearchText.Normalize(text))
        {
            case "quan ly" or "management":
                return RequirementKind.Management;
            case "ky thuat" or "technical":
                return RequirementKind.Technical;
            default:
                errors.Add($"{where}: loại «{text}» không hợp lệ (Quản lý hoặc Kỹ thuật).");
                return RequirementKind.Management;
        }
    }

    private static string Key(int level) => level.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Cell(string[] cells, int index) => index < cells.Length ? cells[index].Trim() : string.Empty;

    private static string? Optional(string text) => text.Length == 0 ? null : text;
}
