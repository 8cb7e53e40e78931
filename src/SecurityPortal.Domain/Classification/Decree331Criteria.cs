using SecurityPortal.Domain.Systems;
using static SecurityPortal.Domain.Classification.Condition;
using static SecurityPortal.Domain.Classification.LevelEngine;

namespace SecurityPortal.Domain.Classification;

/// <summary>Decree 331/2026/NĐ-CP Art. 11–15, one entry per criterion, each with its citation.</summary>
public static class Decree331Criteria
{
    private const string Decree = "Nghị định 331/2026/NĐ-CP";

    /// <summary>«Hệ thống thông tin khác do Thủ tướng Chính phủ quyết định hoặc được đánh giá rủi ro an ninh mạng theo Khung…» at a level.</summary>
    private static Condition Designated(int level) => AnyOf(PrimeMinisterDecision(level), RiskFramework(level));

    public static IReadOnlyList<Criterion> All { get; } =
    [
        new(1, $"Điều 11 khoản 1 {Decree}", "Phục vụ hoạt động nội bộ và chỉ xử lý thông tin công cộng",
            InternalPublicOnly),
        new(1, $"Điều 11 khoản 2 {Decree}", "Được đánh giá rủi ro an ninh mạng theo Khung quản lý rủi ro an ninh mạng ở cấp độ 1",
            RiskFramework(1)),
        new(2, $"Điều 12 khoản 1 {Decree}", "Phục vụ hoạt động nội bộ, có xử lý thông tin riêng, thông tin cá nhân, không xử lý thông tin bí mật nhà nước",
            InternalPrivateNoSecret),
        new(2, $"Điều 12 khoản 2 điểm a {Decree}", "Phục vụ người dân, doanh nghiệp: dịch vụ trực tuyến không thuộc danh mục ngành, nghề đầu tư kinh doanh có điều kiện",
            ConditionalBusiness(listed: false)),
        new(2, $"Điều 12 khoản 2 điểm b {Decree}", "Phục vụ người dân, doanh nghiệp: dưới 100.000 chủ thể dữ liệu cá nhân cơ bản hoặc dưới 10.000 chủ thể dữ liệu cá nhân nhạy cảm",
            CitizenService(ProcessesPrivateOrPersonal,
                When(Fact.PersonalDataSubjects, f => f.BasicPersonalDataSubjects < 100_000 && f.SensitivePersonalDataSubjects < 10_000))),
        new(2, $"Điều 12 khoản 3 {Decree}", "Cơ sở hạ tầng thông tin phục vụ hoạt động của một cơ quan, tổ chức",
            Infrastructure(InfrastructureScope.SingleOrganisation)),
        new(2, $"Điều 12 khoản 4 {Decree}", "Cấp độ 2 theo quyết định của Thủ tướng Chính phủ hoặc theo Khung quản lý rủi ro an ninh mạng",
            Designated(2)),
        new(3, $"Điều 13 khoản 1 {Decree}", "Xử lý thông tin bí mật nhà nước hoặc phục vụ quốc phòng, an ninh; bị phá hoại sẽ làm tổn hại tới an ninh quốc gia",
            Harm(NationalSecurityHarm.Harm)),
        new(3, $"Điều 13 khoản 2 điểm a {Decree}", "Phục vụ người dân, doanh nghiệp: dịch vụ trực tuyến thuộc danh mục ngành, nghề đầu tư kinh doanh có điều kiện",
            ConditionalBusiness(listed: true)),
        new(3, $"Điều 13 khoản 2 điểm b {Decree}", "Hệ thống thông tin giải quyết thủ tục hành chính",
            Yes(Fact.HandlesAdministrativeProcedures, f => f.HandlesAdministrativeProcedures)),
        new(3, $"Điều 13 khoản 2 điểm c {Decree}", "Phục vụ người dân, doanh nghiệp: từ 100.000 chủ thể dữ liệu cá nhân cơ bản hoặc từ 10.000 chủ thể dữ liệu cá nhân nhạy cảm trở lên",
            CitizenService(ProcessesPrivateOrPersonal,
                When(Fact.PersonalDataSubjects, f => f.BasicPersonalDataSubjects >= 100_000 || f.SensitivePersonalDataSubjects >= 10_000))),
        new(3, $"Điều 13 khoản 3 {Decree}", "Cơ sở hạ tầng thông tin trong phạm vi một bộ, một ngành, một tỉnh hoặc một số tỉnh",
            Infrastructure(InfrastructureScope.SectorOrProvince)),
        new(3, $"Điều 13 khoản 4 {Decree}", "Điều khiển công nghiệp cho công trình xây dựng cấp II, cấp III hoặc cấp IV",
            WorkClass(ClassesTwoToFour)),
        new(3, $"Điều 13 khoản 5 {Decree}", "Cấp độ 3 theo quyết định của Thủ tướng Chính phủ hoặc theo Khung quản lý rủi ro an ninh mạng",
            Designated(3)),
        // An especially serious harm to a system that is not strategic (Art. 15.1) is at least the serious harm of this clause.
        new(4, $"Điều 14 khoản 1 {Decree}", "Xử lý thông tin bí mật nhà nước hoặc phục vụ quốc phòng, an ninh; bị phá hoại sẽ làm tổn hại nghiêm trọng tới an ninh quốc gia",
            Harm(NationalSecurityHarm.Serious, NationalSecurityHarm.EspeciallySerious)),
        new(4, $"Điều 14 khoản 2 {Decree}", "Hệ thống quốc gia phục vụ Chính phủ điện tử hoặc hạ tầng thông tin toàn quốc, vận hành 24/7, không chấp nhận ngừng ngoài kế hoạch",
            AnyOf(NationwideInfrastructure24x7, NationalEGovernment24x7)),
        new(4, $"Điều 14 khoản 3 {Decree}", "Điều khiển công nghiệp cho công trình xây dựng cấp I",
            WorkClass(ConstructionWorkClass.ClassI)),
        new(4, $"Điều 14 khoản 4 {Decree}", "Cấp độ 4 theo quyết định của Thủ tướng Chính phủ hoặc theo Khung quản lý rủi ro an ninh mạng",
            Designated(4)),
        new(5, $"Điều 15 khoản 1 {Decree}", "Xử lý thông tin bí mật nhà nước hoặc phục vụ quốc phòng, an ninh, mang tính chiến lược; bị phá hoại sẽ làm tổn hại đặc biệt nghiêm trọng tới an ninh quốc gia",
            AllOf(Harm(NationalSecurityHarm.EspeciallySerious), Yes(Fact.Strategic, f => f.Strategic))),
        new(5, $"Điều 15 khoản 2 {Decree}", "Lưu trữ dữ liệu tập trung đối với thông tin, dữ liệu đặc biệt quan trọng của quốc gia",
            CentralisedData),
        new(5, $"Điều 15 khoản 3 {Decree}", "Cơ sở hạ tầng thông tin quốc gia kết nối liên thông Việt Nam với quốc tế",
            InternationalLink),
        new(5, $"Điều 15 khoản 4 {Decree}", "Điều khiển công nghiệp cho công trình cấp đặc biệt hoặc công trình quan trọng liên quan đến an ninh quốc gia",
            IcsSpecialOrNationalSecurity),
        new(5, $"Điều 15 khoản 5 {Decree}", "Cấp độ 5 theo quyết định của Thủ tướng Chính phủ hoặc theo Khung quản lý rủi ro an ninh mạng",
            Designated(5)),
    ];
}
