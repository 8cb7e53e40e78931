namespace SecurityPortal.Domain.Classification;

/// <summary>The questions the dossier wizard asks, in plain Vietnamese, and the names of the rule sets.</summary>
public static class ClassificationText
{
    public static string Citation(this RuleSet ruleSet) =>
        ruleSet == RuleSet.Decree85 ? "Nghị định 85/2016/NĐ-CP" : "Nghị định 331/2026/NĐ-CP";

    /// <summary>A rule set's name where every enum has one (the change history): its citation.</summary>
    public static string Vietnamese(this RuleSet ruleSet) => ruleSet.Citation();

    public static string Question(this Fact fact) => fact switch
    {
        Fact.FunctionKind => "Hệ thống phục vụ mục đích gì (loại hệ thống)?",
        Fact.InformationTypes => "Hệ thống xử lý những loại thông tin nào?",
        Fact.NationalSecurityHarm => "Nếu bị phá hoại, hệ thống xử lý thông tin bí mật nhà nước gây tổn hại tới quốc phòng, an ninh quốc gia ở mức nào?",
        Fact.Strategic => "Hệ thống xử lý thông tin bí mật nhà nước hoặc phục vụ quốc phòng, an ninh có mang tính chiến lược không?",
        Fact.OnlineServiceLevel => "Hệ thống cung cấp dịch vụ công trực tuyến ở mức độ nào?",
        Fact.ConditionalBusinessLine => "Dịch vụ trực tuyến có thuộc danh mục ngành, nghề đầu tư kinh doanh có điều kiện không?",
        Fact.UserCount => "Có bao nhiêu người sử dụng có thông tin riêng, thông tin cá nhân được hệ thống xử lý?",
        Fact.PersonalDataSubjects => "Hệ thống xử lý dữ liệu cá nhân của bao nhiêu chủ thể (cơ bản và nhạy cảm)?",
        Fact.HandlesAdministrativeProcedures => "Hệ thống có dùng để giải quyết thủ tục hành chính không?",
        Fact.InfrastructureScope => "Cơ sở hạ tầng thông tin phục vụ trong phạm vi nào?",
        Fact.Requires24x7 => "Hệ thống có phải vận hành 24/7, không chấp nhận ngừng vận hành ngoài kế hoạch không?",
        Fact.NationalEGovernmentSystem => "Đây có phải hệ thống thông tin quốc gia phục vụ Chính phủ điện tử không?",
        Fact.IndustrialControlClass => "Hệ thống điều khiển công nghiệp phục vụ công trình xây dựng cấp nào?",
        Fact.ServesNationalSecurityWork => "Công trình có phải công trình quan trọng liên quan đến an ninh quốc gia không?",
        Fact.CentralisedNationalData => "Hệ thống có lưu trữ tập trung thông tin, dữ liệu đặc biệt quan trọng của quốc gia không?",
        Fact.InternationalInfrastructureLink => "Đây có phải cơ sở hạ tầng thông tin quốc gia kết nối liên thông Việt Nam với quốc tế không?",
        Fact.DesignatedLevel => "Thủ tướng Chính phủ có quyết định cấp độ của hệ thống không, cấp độ nào?",
        Fact.RiskFrameworkLevel => "Hệ thống được đánh giá rủi ro an ninh mạng theo Khung quản lý rủi ro an ninh mạng ở cấp độ nào?",
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact, "Unknown fact."),
    };

    public static string Vietnamese(this NationalSecurityHarm harm) => harm switch
    {
        NationalSecurityHarm.Harm => "Gây tổn hại",
        NationalSecurityHarm.Serious => "Gây tổn hại nghiêm trọng",
        NationalSecurityHarm.EspeciallySerious => "Gây tổn hại đặc biệt nghiêm trọng",
        _ => "Không",
    };
}
