namespace SecurityPortal.Domain.Dossiers;

/// <summary>
/// The explanatory content of a level dossier (Circular 12/2022 Art. 8, Decree 331 Art. 22). Each section is
/// free text; the attachments carry the documents themselves.
/// </summary>
public sealed record DossierContent
{
    public const int SectionMaxLength = 8000;

    /// <summary>Owner and operating unit: legal mandate, representative and position, address, phone, e-mail.</summary>
    public string? Parties { get; init; }

    /// <summary>Scope, scale and users.</summary>
    public string? ScopeAndUsers { get; init; }

    /// <summary>Logical and physical architecture.</summary>
    public string? Architecture { get; init; }

    /// <summary>Equipment and main network devices (type, location, purpose).</summary>
    public string? Equipment { get; init; }

    /// <summary>Applications and services (name, server, location, operating system, purpose).</summary>
    public string? Applications { get; init; }

    /// <summary>Network zones and the IP plan (private and public).</summary>
    public string? NetworkZones { get; init; }

    /// <summary>Justification of the proposed level against the criteria.</summary>
    public string? LevelJustification { get; init; }

    /// <summary>Preliminary identification of the main risks (Decree 331 Art. 22.4.c).</summary>
    public string? RiskSummary { get; init; }

    /// <summary>How each management and technical requirement of the level is met.</summary>
    public string? SecurityPlan { get; init; }

    // Levels 4–5 (Circular 12/2022 Art. 8.2.b, Decree 331 Art. 22.5).
    public string? RelatedSystems { get; init; }
    public string? Threats { get; init; }
    public string? Impact { get; init; }
    public string? Justification24x7 { get; init; }

    /// <summary>The sections in the order of Circular 12/2022 Art. 8: field, title, help text, first level that needs it.</summary>
    public static IReadOnlyList<ContentSection> SectionList { get; } =
    [
        new(nameof(Parties), "Thông tin chủ quản, đơn vị vận hành", "Tên, văn bản quy định chức năng nhiệm vụ, người đại diện và chức vụ, địa chỉ, điện thoại, thư điện tử.", 1),
        new(nameof(ScopeAndUsers), "Phạm vi, quy mô, đối tượng sử dụng", "Hệ thống phục vụ ai, ở đâu, bao nhiêu người dùng.", 1),
        new(nameof(Architecture), "Kiến trúc hệ thống (mô hình logic, vật lý)", "Các thành phần và kết nối; sơ đồ chi tiết đính kèm ở tài liệu thiết kế.", 1),
        new(nameof(Equipment), "Danh mục thiết bị, thiết bị mạng chính", "Chủng loại, vị trí lắp đặt, mục đích sử dụng.", 1),
        new(nameof(Applications), "Danh mục ứng dụng, dịch vụ", "Tên, máy chủ, vị trí, hệ điều hành, mục đích.", 1),
        new(nameof(NetworkZones), "Phân vùng mạng và quy hoạch địa chỉ IP", "Các vùng mạng và dải địa chỉ IP (nội bộ và công cộng).", 1),
        new(nameof(LevelJustification), "Thuyết minh đề xuất cấp độ", "Loại thông tin, loại hệ thống và căn cứ theo tiêu chí của Nghị định.", 1),
        new(nameof(RiskSummary), "Nhận diện sơ bộ rủi ro chính", "Tài sản quan trọng, nguy cơ, điểm yếu chính và biện pháp (Điều 22 khoản 4 điểm c Nghị định 331/2026/NĐ-CP).", 1),
        new(nameof(SecurityPlan), "Phương án bảo đảm an toàn theo cấp độ", "Cách đáp ứng từng yêu cầu quản lý và kỹ thuật của cấp độ đề xuất.", 1),
        new(nameof(RelatedSystems), "Các hệ thống liên quan, kết nối", "Chỉ cho cấp độ 4, 5.", 4),
        new(nameof(Threats), "Nguy cơ tấn công mạng và tác động", "Chỉ cho cấp độ 4, 5.", 4),
        new(nameof(Impact), "Ảnh hưởng tới lợi ích công cộng, trật tự, an ninh quốc gia", "Chỉ cho cấp độ 4, 5.", 4),
        new(nameof(Justification24x7), "Yêu cầu vận hành 24/7", "Chỉ cho cấp độ 4, 5.", 4),
    ];

    /// <summary>A section's text by its field name.</summary>
    public string? Text(string field) => field switch
    {
        nameof(Parties) => Parties,
        nameof(ScopeAndUsers) => ScopeAndUsers,
        nameof(Architecture) => Architecture,
        nameof(Equipment) => Equipment,
        nameof(Applications) => Applications,
        nameof(NetworkZones) => NetworkZones,
        nameof(LevelJustification) => LevelJustification,
        nameof(RiskSummary) => RiskSummary,
        nameof(SecurityPlan) => SecurityPlan,
        nameof(RelatedSystems) => RelatedSystems,
        nameof(Threats) => Threats,
        nameof(Impact) => Impact,
        nameof(Justification24x7) => Justification24x7,
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "Unknown section."),
    };

    /// <summary>The sections as (title, text, required from level); the title is what the checklist shows.</summary>
    public IEnumerable<(string Name, string? Text, int FromLevel)> Sections() =>
        SectionList.Select(s => (s.Title, Text(s.Field), s.FromLevel));

    /// <summary>Content from form fields keyed by section field name; unknown keys are ignored.</summary>
    public static DossierContent FromSections(IReadOnlyDictionary<string, string?> sections)
    {
        string? Get(string field) => sections.TryGetValue(field, out var text) ? text : null;
        return new DossierContent
        {
            Parties = Get(nameof(Parties)),
            ScopeAndUsers = Get(nameof(ScopeAndUsers)),
            Architecture = Get(nameof(Architecture)),
            Equipment = Get(nameof(Equipment)),
            Applications = Get(nameof(Applications)),
            NetworkZones = Get(nameof(NetworkZones)),
            LevelJustification = Get(nameof(LevelJustification)),
            RiskSummary = Get(nameof(RiskSummary)),
            SecurityPlan = Get(nameof(SecurityPlan)),
            RelatedSystems = Get(nameof(RelatedSystems)),
            Threats = Get(nameof(Threats)),
            Impact = Get(nameof(Impact)),
            Justification24x7 = Get(nameof(Justification24x7)),
        };
    }

    /// <summary>Trims every section, turns blanks into null and refuses a section beyond the length limit.</summary>
    public DossierContent Normalized()
    {
        var tooLong = Sections().FirstOrDefault(s => s.Text?.Trim().Length > SectionMaxLength);
        if (tooLong.Name is not null)
        {
            throw new Common.DomainException($"Mục «{tooLong.Name}» không được dài quá {SectionMaxLength} ký tự.");
        }

        return FromSections(SectionList.ToDictionary(x => x.Field, x => Clean(Text(x.Field))));
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>One section of the dossier's explanatory content.</summary>
public sealed record ContentSection(string Field, string Title, string Help, int FromLevel);
