using SecurityPortal.Domain.Systems;
using static SecurityPortal.Domain.Classification.LevelEngine;

namespace SecurityPortal.Domain.Classification;

/// <summary>Decree 331/2026/NĐ-CP Art. 11–15, one entry per criterion, each with its citation.</summary>
public static class Decree331Criteria
{
    private const string Decree = "Nghị định 331/2026/NĐ-CP";

    public static IReadOnlyList<Criterion> All { get; } =
    [
        new(1, $"Điều 11 khoản 1 {Decree}", "Phục vụ hoạt động nội bộ và chỉ xử lý thông tin công cộng",
            [Fact.FunctionKind, Fact.InformationTypes],
            InternalPublicOnly),
        new(2, $"Điều 12 khoản 1 {Decree}", "Phục vụ hoạt động nội bộ, có xử lý thông tin riêng, thông tin cá nhân, không xử lý thông tin bí mật nhà nước",
            [Fact.FunctionKind, Fact.InformationTypes],
            InternalPrivateNoSecret),
        new(2, $"Điều 12 khoản 2 điểm a {Decree}", "Phục vụ người dân, doanh nghiệp: dịch vụ trực tuyến không thuộc danh mục ngành, nghề đầu tư kinh doanh có điều kiện",
            [Fact.FunctionKind, Fact.ConditionalBusinessLine],
            f => CitizenService(f, conditionalBusiness: false)),
        new(2, $"Điều 12 khoản 2 điểm b {Decree}", "Phục vụ người dân, doanh nghiệp: dưới 100.000 chủ thể dữ liệu cá nhân cơ bản hoặc dưới 10.000 chủ thể dữ liệu cá nhân nhạy cảm",
            [Fact.FunctionKind, Fact.InformationTypes, Fact.PersonalDataSubjects],
            f => Is(f, SystemFunctionKind.CitizenBusinessService) && PrivateOrPersonal(f)
                 && f.BasicPersonalDataSubjects < 100_000 && f.SensitivePersonalDataSubjects < 10_000),
        new(2, $"Điều 12 khoản 3 {Decree}", "Cơ sở hạ tầng thông tin phục vụ hoạt động của một cơ quan, tổ chức",
            [Fact.FunctionKind, Fact.InfrastructureScope],
            f => Infrastructure(f, InfrastructureScope.SingleOrganisation)),
        new(2, $"Điều 12 khoản 4 {Decree}", "Cấp độ 2 theo quyết định của Thủ tướng Chính phủ hoặc theo Khung quản lý rủi ro an ninh mạng",
            [Fact.DesignatedLevel],
            f => f.DesignatedLevel == 2),
        new(3, $"Điều 13 khoản 1 {Decree}", "Xử lý thông tin bí mật nhà nước hoặc phục vụ quốc phòng, an ninh; bị phá hoại sẽ làm tổn hại tới an ninh quốc gia",
            [Fact.InformationTypes, Fact.NationalSecurityHarm],
            f => Harm(f, NationalSecurityHarm.Harm)),
        new(3, $"Điều 13 khoản 2 điểm a {Decree}", "Phục vụ người dân, doanh nghiệp: dịch vụ trực tuyến thuộc danh mục ngành, nghề đầu tư kinh doanh có điều kiện",
            [Fact.FunctionKind, Fact.ConditionalBusinessLine],
            f => CitizenService(f, conditionalBusiness: true)),
        new(3, $"Điều 13 khoản 2 điểm b {Decree}", "Hệ thống thông tin giải quyết thủ tục hành chính",
            [Fact.HandlesAdministrativeProcedures],
            f => f.HandlesAdministrativeProcedures == true),
        new(3, $"Điều 13 khoản 2 điểm c {Decree}", "Phục vụ người dân, doanh nghiệp: từ 100.000 chủ thể dữ liệu cá nhân cơ bản hoặc từ 10.000 chủ thể dữ liệu cá nhân nhạy cảm trở lên",
            [Fact.FunctionKind, Fact.InformationTypes, Fact.PersonalDataSubjects],
            f => Is(f, SystemFunctionKind.CitizenBusinessService) && PrivateOrPersonal(f)
                 && (f.BasicPersonalDataSubjects >= 100_000 || f.SensitivePersonalDataSubjects >= 10_000)),
        new(3, $"Điều 13 khoản 3 {Decree}", "Cơ sở hạ tầng thông tin trong phạm vi một bộ, một ngành, một tỉnh hoặc một số tỉnh",
            [Fact.FunctionKind, Fact.InfrastructureScope],
            f => Infrastructure(f, InfrastructureScope.SectorOrProvince)),
        new(3, $"Điều 13 khoản 4 {Decree}", "Điều khiển công nghiệp cho công trình xây dựng cấp II, cấp III hoặc cấp IV",
            [Fact.FunctionKind, Fact.IndustrialControlClass],
            f => WorkClass(f, ClassesTwoToFour)),
        new(3, $"Điều 13 khoản 5 {Decree}", "Cấp độ 3 theo quyết định của Thủ tướng Chính phủ hoặc theo Khung quản lý rủi ro an ninh mạng",
            [Fact.DesignatedLevel],
            f => f.DesignatedLevel == 3),
        new(4, $"Điều 14 khoản 1 {Decree}", "Xử lý thông tin bí mật nhà nước hoặc phục vụ quốc phòng, an ninh; bị phá hoại sẽ làm tổn hại nghiêm trọng tới an ninh quốc gia",
            [Fact.InformationTypes, Fact.NationalSecurityHarm],
            f => Harm(f, NationalSecurityHarm.Serious)),
        new(4, $"Điều 14 khoản 2 {Decree}", "Hệ thống quốc gia phục vụ Chính phủ điện tử hoặc hạ tầng thông tin toàn quốc, vận hành 24/7, không chấp nhận ngừng ngoài kế hoạch",
            [Fact.FunctionKind, Fact.NationalEGovernmentSystem, Fact.InfrastructureScope, Fact.Requires24x7],
            f => f.Requires24x7 == true
                 && (f.NationalEGovernmentSystem == true
                     || (Is(f, SystemFunctionKind.InformationInfrastructure) && f.InfrastructureScope == InfrastructureScope.Nationwide))),
        new(4, $"Điều 14 khoản 3 {Decree}", "Điều khiển công nghiệp cho công trình xây dựng cấp I",
            [Fact.FunctionKind, Fact.IndustrialControlClass],
            f => WorkClass(f, ConstructionWorkClass.ClassI)),
        new(4, $"Điều 14 khoản 4 {Decree}", "Cấp độ 4 theo quyết định của Thủ tướng Chính phủ hoặc theo Khung quản lý rủi ro an ninh mạng",
            [Fact.DesignatedLevel],
            f => f.DesignatedLevel == 4),
        new(5, $"Điều 15 khoản 1 {Decree}", "Xử lý thông tin bí mật nhà nước hoặc phục vụ quốc phòng, an ninh mang tính chiến lược; bị phá hoại sẽ làm tổn hại đặc biệt nghiêm trọng",
            [Fact.InformationTypes, Fact.NationalSecurityHarm],
            f => Harm(f, NationalSecurityHarm.EspeciallySerious)),
        new(5, $"Điều 15 khoản 2 {Decree}", "Lưu trữ dữ liệu tập trung đối với thông tin, dữ liệu đặc biệt quan trọng của quốc gia",
            [Fact.CentralisedNationalData],
            f => f.CentralisedNationalData == true),
        new(5, $"Điều 15 khoản 3 {Decree}", "Cơ sở hạ tầng thông tin quốc gia kết nối liên thông Việt Nam với quốc tế",
            [Fact.InternationalInfrastructureLink],
            f => f.InternationalInfrastructureLink == true),
        new(5, $"Điều 15 khoản 4 {Decree}", "Điều khiển công nghiệp cho công trình cấp đặc biệt hoặc công trình quan trọng liên quan đến an ninh quốc gia",
            [Fact.FunctionKind, Fact.IndustrialControlClass, Fact.ServesNationalSecurityWork],
            IcsSpecialOrNationalSecurity),
        new(5, $"Điều 15 khoản 5 {Decree}", "Cấp độ 5 theo quyết định của Thủ tướng Chính phủ hoặc theo Khung quản lý rủi ro an ninh mạng",
            [Fact.DesignatedLevel],
            f => f.DesignatedLevel == 5),
    ];
}
