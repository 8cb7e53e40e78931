using SecurityPortal.Domain.Systems;
using static SecurityPortal.Domain.Classification.Condition;
using static SecurityPortal.Domain.Classification.LevelEngine;

namespace SecurityPortal.Domain.Classification;

/// <summary>Decree 85/2016/NĐ-CP Art. 7–11, one entry per criterion, each with its citation.</summary>
public static class Decree85Criteria
{
    private const string Decree = "Nghị định 85/2016/NĐ-CP";

    public static IReadOnlyList<Criterion> All { get; } =
    [
        new(1, $"Điều 7 {Decree}", "Phục vụ hoạt động nội bộ và chỉ xử lý thông tin công cộng",
            InternalPublicOnly),
        new(2, $"Điều 8 khoản 1 {Decree}", "Phục vụ hoạt động nội bộ, có xử lý thông tin riêng, thông tin cá nhân, không xử lý thông tin bí mật nhà nước",
            InternalPrivateNoSecret),
        new(2, $"Điều 8 khoản 2 điểm a {Decree}", "Phục vụ người dân, doanh nghiệp: cung cấp thông tin và dịch vụ công trực tuyến từ mức độ 2 trở xuống",
            CitizenService(When(Fact.OnlineServiceLevel, f => f.OnlineServiceLevel <= 2))),
        new(2, $"Điều 8 khoản 2 điểm b {Decree}", "Phục vụ người dân, doanh nghiệp: dịch vụ trực tuyến không thuộc danh mục dịch vụ kinh doanh có điều kiện",
            ConditionalBusiness(listed: false)),
        new(2, $"Điều 8 khoản 2 điểm c {Decree}", "Phục vụ người dân, doanh nghiệp: xử lý thông tin riêng, thông tin cá nhân của dưới 10.000 người sử dụng",
            CitizenService(ProcessesPrivateOrPersonal, When(Fact.UserCount, f => f.UserCount < 10_000))),
        new(2, $"Điều 8 khoản 3 {Decree}", "Cơ sở hạ tầng thông tin phục vụ hoạt động của một cơ quan, tổ chức",
            Infrastructure(InfrastructureScope.SingleOrganisation)),
        new(3, $"Điều 9 khoản 1 {Decree}", "Xử lý thông tin bí mật nhà nước hoặc phục vụ quốc phòng, an ninh; bị phá hoại sẽ làm tổn hại tới quốc phòng, an ninh quốc gia",
            Harm(NationalSecurityHarm.Harm)),
        new(3, $"Điều 9 khoản 2 điểm a {Decree}", "Phục vụ người dân, doanh nghiệp: dịch vụ công trực tuyến từ mức độ 3 trở lên",
            CitizenService(When(Fact.OnlineServiceLevel, f => f.OnlineServiceLevel >= 3))),
        new(3, $"Điều 9 khoản 2 điểm b {Decree}", "Phục vụ người dân, doanh nghiệp: dịch vụ trực tuyến thuộc danh mục dịch vụ kinh doanh có điều kiện",
            ConditionalBusiness(listed: true)),
        new(3, $"Điều 9 khoản 2 điểm c {Decree}", "Phục vụ người dân, doanh nghiệp: xử lý thông tin riêng, thông tin cá nhân của từ 10.000 người sử dụng trở lên",
            CitizenService(ProcessesPrivateOrPersonal, When(Fact.UserCount, f => f.UserCount >= 10_000))),
        new(3, $"Điều 9 khoản 3 {Decree}", "Cơ sở hạ tầng thông tin dùng chung trong phạm vi một ngành, một tỉnh hoặc một số tỉnh",
            Infrastructure(InfrastructureScope.SectorOrProvince)),
        new(3, $"Điều 9 khoản 4 {Decree}", "Điều khiển công nghiệp cho công trình xây dựng cấp II, cấp III hoặc cấp IV",
            WorkClass(ClassesTwoToFour)),
        new(4, $"Điều 10 khoản 1 {Decree}", "Xử lý thông tin bí mật nhà nước hoặc phục vụ quốc phòng, an ninh; bị phá hoại sẽ làm tổn hại nghiêm trọng quốc phòng, an ninh quốc gia",
            Harm(NationalSecurityHarm.Serious)),
        new(4, $"Điều 10 khoản 2 {Decree}", "Hệ thống thông tin quốc gia phục vụ Chính phủ điện tử, vận hành 24/7, không chấp nhận ngừng ngoài kế hoạch",
            NationalEGovernment24x7),
        new(4, $"Điều 10 khoản 3 {Decree}", "Cơ sở hạ tầng thông tin dùng chung trên phạm vi toàn quốc, vận hành 24/7, không chấp nhận ngừng ngoài kế hoạch",
            NationwideInfrastructure24x7),
        new(4, $"Điều 10 khoản 4 {Decree}", "Điều khiển công nghiệp cho công trình xây dựng cấp I",
            WorkClass(ConstructionWorkClass.ClassI)),
        new(5, $"Điều 11 khoản 1 {Decree}", "Xử lý thông tin bí mật nhà nước hoặc phục vụ quốc phòng, an ninh; bị phá hoại sẽ làm tổn hại đặc biệt nghiêm trọng",
            Harm(NationalSecurityHarm.EspeciallySerious)),
        new(5, $"Điều 11 khoản 2 {Decree}", "Lưu trữ dữ liệu tập trung đối với thông tin, dữ liệu đặc biệt quan trọng của quốc gia",
            CentralisedData),
        new(5, $"Điều 11 khoản 3 {Decree}", "Cơ sở hạ tầng thông tin quốc gia kết nối liên thông Việt Nam với quốc tế",
            InternationalLink),
        new(5, $"Điều 11 khoản 4 {Decree}", "Điều khiển công nghiệp cho công trình cấp đặc biệt hoặc công trình quan trọng liên quan đến an ninh quốc gia",
            IcsSpecialOrNationalSecurity),
        new(5, $"Điều 11 khoản 5 {Decree}", "Hệ thống khác theo quyết định của Thủ tướng Chính phủ",
            PrimeMinisterDecision(5)),
    ];
}
