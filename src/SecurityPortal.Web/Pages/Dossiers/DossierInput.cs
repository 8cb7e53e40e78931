using System.ComponentModel.DataAnnotations;
using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Web.Pages.Dossiers;

/// <summary>The wizard's answers. Each step posts only its own fields, and only those are applied.</summary>
public sealed class DossierInput
{
    public const int StepCount = 5;

    // Step 1: the rule set.
    [Display(Name = "Văn bản áp dụng")]
    public RuleSet RuleSet { get; set; }

    [Display(Name = "Ngày bắt đầu đầu tư hệ thống (nếu có)")]
    public DateOnly? InvestmentStarted { get; set; }

    [Display(Name = "Lý do chọn văn bản khác mặc định")]
    public string? RuleSetReason { get; set; }

    // Step 2: function and information.
    [Display(Name = "Loại hệ thống")]
    public SystemFunctionKind? FunctionKind { get; set; }

    [Display(Name = "Thông tin được xử lý")]
    public List<InformationTypes> InformationTypes { get; set; } = [];

    [Display(Name = "Mức độ tổn hại tới quốc phòng, an ninh quốc gia nếu bị phá hoại")]
    public NationalSecurityHarm? NationalSecurityHarm { get; set; }

    [Display(Name = "Hệ thống mang tính chiến lược")]
    public bool? Strategic { get; set; }

    [Display(Name = "Cấp công trình xây dựng (hệ thống điều khiển công nghiệp)")]
    public ConstructionWorkClass? IndustrialControlClass { get; set; }

    [Display(Name = "Công trình quan trọng liên quan đến an ninh quốc gia")]
    public bool? ServesNationalSecurityWork { get; set; }

    // Step 3: scale and services.
    [Display(Name = "Mức độ dịch vụ công trực tuyến (0 nếu không có)")]
    public int? OnlineServiceLevel { get; set; }

    [Display(Name = "Thuộc danh mục ngành, nghề đầu tư kinh doanh có điều kiện")]
    public bool? ConditionalBusinessLine { get; set; }

    [Display(Name = "Số người sử dụng có thông tin riêng, thông tin cá nhân được xử lý")]
    public int? UserCount { get; set; }

    [Display(Name = "Số chủ thể dữ liệu cá nhân cơ bản")]
    public int? BasicPersonalDataSubjects { get; set; }

    [Display(Name = "Số chủ thể dữ liệu cá nhân nhạy cảm")]
    public int? SensitivePersonalDataSubjects { get; set; }

    [Display(Name = "Giải quyết thủ tục hành chính")]
    public bool? HandlesAdministrativeProcedures { get; set; }

    [Display(Name = "Phạm vi của cơ sở hạ tầng thông tin")]
    public InfrastructureScope? InfrastructureScope { get; set; }

    [Display(Name = "Vận hành 24/7, không chấp nhận ngừng ngoài kế hoạch")]
    public bool? Requires24x7 { get; set; }

    [Display(Name = "Hệ thống thông tin quốc gia phục vụ Chính phủ điện tử")]
    public bool? NationalEGovernmentSystem { get; set; }

    [Display(Name = "Lưu trữ tập trung dữ liệu đặc biệt quan trọng của quốc gia")]
    public bool? CentralisedNationalData { get; set; }

    [Display(Name = "Hạ tầng thông tin quốc gia kết nối Việt Nam với quốc tế")]
    public bool? InternationalInfrastructureLink { get; set; }

    [Display(Name = "Cấp độ theo quyết định của Thủ tướng Chính phủ (0 nếu không có)")]
    public int? DesignatedLevel { get; set; }

    [Display(Name = "Cấp độ theo Khung quản lý rủi ro an ninh mạng (0 nếu không được đánh giá theo Khung)")]
    public int? RiskFrameworkLevel { get; set; }

    // Step 4: the proposal.
    [Display(Name = "Cấp độ đề xuất")]
    public int? ProposedLevel { get; set; }

    [Display(Name = "Lý do đề xuất cấp độ cao hơn kết quả xác định")]
    public string? ProposalJustification { get; set; }

    [Display(Name = "Thời gian dự kiến phê duyệt")]
    public DateOnly? ExpectedApprovalOn { get; set; }

    [Display(Name = "Số quyết định ban hành quy chế bảo đảm an ninh mạng")]
    public string? RulesDecisionNumber { get; set; }

    [Display(Name = "Ngày quyết định ban hành quy chế")]
    public DateOnly? RulesDecisionDate { get; set; }

    [Display(Name = "Cơ quan ban hành quy chế")]
    public string? RulesDecisionIssuer { get; set; }

    // Step 5: the explanatory content.
    /// <summary>Section texts keyed by <see cref="ContentSection.Field"/>.</summary>
    public Dictionary<string, string?> Content { get; set; } = [];

    public static DossierInput From(LevelDossier dossier)
    {
        var f = dossier.Facts;
        return new DossierInput
        {
            RuleSet = dossier.RuleSet,
            InvestmentStarted = dossier.InvestmentStarted,
            RuleSetReason = dossier.RuleSetReason,
            FunctionKind = f.FunctionKind,
            InformationTypes = Enum.GetValues<InformationTypes>().Where(t => t != Domain.Systems.InformationTypes.None && f.InformationTypes?.HasFlag(t) == true).ToList(),
            NationalSecurityHarm = f.NationalSecurityHarm,
            Strategic = f.Strategic,
            IndustrialControlClass = f.IndustrialControlClass,
            ServesNationalSecurityWork = f.ServesNationalSecurityWork,
            OnlineServiceLevel = f.OnlineServiceLevel,
            ConditionalBusinessLine = f.ConditionalBusinessLine,
            UserCount = f.UserCount,
            BasicPersonalDataSubjects = f.BasicPersonalDataSubjects,
            SensitivePersonalDataSubjects = f.SensitivePersonalDataSubjects,
            HandlesAdministrativeProcedures = f.HandlesAdministrativeProcedures,
            InfrastructureScope = f.InfrastructureScope,
            Requires24x7 = f.Requires24x7,
            NationalEGovernmentSystem = f.NationalEGovernmentSystem,
            CentralisedNationalData = f.CentralisedNationalData,
            InternationalInfrastructureLink = f.InternationalInfrastructureLink,
            DesignatedLevel = f.DesignatedLevel,
            RiskFrameworkLevel = f.RiskFrameworkLevel,
            ProposedLevel = dossier.ProposedLevel,
            ProposalJustification = dossier.ProposalJustification,
            ExpectedApprovalOn = dossier.ExpectedApprovalOn,
            RulesDecisionNumber = dossier.RulesDecisionNumber,
            RulesDecisionDate = dossier.RulesDecisionDate,
            RulesDecisionIssuer = dossier.RulesDecisionIssuer,
            Content = DossierContent.SectionList.ToDictionary(s => s.Field, s => dossier.Content.Text(s.Field)),
        };
    }

    /// <summary>
    /// The facts as answered in steps 2 and 3, on top of the dossier's current facts. The page shows only the questions
    /// <see cref="LevelEngine.Questions"/> asks; an answer to a question not asked is neither demanded nor changed.
    /// </summary>
    public ClassificationFacts FactsFor(int step, RuleSet ruleSet, ClassificationFacts current)
    {
        var posted = step switch
        {
            2 => current with
            {
                FunctionKind = FunctionKind,
                InformationTypes = InformationTypes.Aggregate(Domain.Systems.InformationTypes.None, (all, t) => all | t),
                NationalSecurityHarm = NationalSecurityHarm,
                Strategic = Strategic,
                IndustrialControlClass = IndustrialControlClass,
                ServesNationalSecurityWork = ServesNationalSecurityWork,
            },
            3 => current with
            {
                OnlineServiceLevel = OnlineServiceLevel,
                ConditionalBusinessLine = ConditionalBusinessLine,
                UserCount = UserCount,
                BasicPersonalDataSubjects = BasicPersonalDataSubjects,
                SensitivePersonalDataSubjects = SensitivePersonalDataSubjects,
                HandlesAdministrativeProcedures = HandlesAdministrativeProcedures,
                InfrastructureScope = InfrastructureScope,
                Requires24x7 = Requires24x7,
                NationalEGovernmentSystem = NationalEGovernmentSystem,
                CentralisedNationalData = CentralisedNationalData,
                InternationalInfrastructureLink = InternationalInfrastructureLink,
                DesignatedLevel = DesignatedLevel,
                RiskFrameworkLevel = RiskFrameworkLevel,
            },
            _ => current,
        };
        var asked = LevelEngine.Questions(ruleSet, posted);
        var facts = StepFacts(step).Where(f => !asked.Contains(f)).Aggregate(posted, (all, f) => all.WithAnswerFrom(f, current));
        // The work's class and the national-security work belong to industrial control systems only.
        return facts.FunctionKind == SystemFunctionKind.IndustrialControl ? facts : facts with { IndustrialControlClass = null, ServesNationalSecurityWork = null };
    }

    /// <summary>The facts a wizard step asks for, in the order it asks them.</summary>
    public static IReadOnlyList<Fact> StepFacts(int step) => Enum.GetValues<Fact>().Where(f => DossierSections.StepOf(f) == step).ToList();

    /// <summary>Applies one step to the dossier; the domain refuses contradictions with a Vietnamese message.</summary>
    public void ApplyStep(int step, LevelDossier dossier)
    {
        switch (step)
        {
            case 1:
                dossier.ChooseRuleSet(RuleSet, InvestmentStarted, RuleSetReason);
                break;
            case 2:
            case 3:
                dossier.SetFacts(FactsFor(step, dossier.RuleSet, dossier.Facts));
                break;
            case 4:
                dossier.Propose(ProposedLevel, ProposalJustification);
                dossier.PlanApproval(ExpectedApprovalOn);
                dossier.RecordRulesDecision(RulesDecisionNumber, RulesDecisionDate, RulesDecisionIssuer);
                break;
            default:
                dossier.SetContent(DossierContent.FromSections(Content));
                break;
        }
    }

    public static string StepTitle(int step) => step is >= 1 and <= 4 ? DossierSections.AnswerSteps[step - 1] : "Thuyết minh hồ sơ";
}
