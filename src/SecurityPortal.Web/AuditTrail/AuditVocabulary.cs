using System.Collections.Frozen;
using SecurityPortal.Domain.Dossiers;

namespace SecurityPortal.Web.AuditTrail;

/// <summary>
/// The words of the change history: the Vietnamese name of every audited entity (the trail stores its CLR name),
/// the label of every field (the forms' labels), and the columns that are never shown (bookkeeping, hashes).
/// </summary>
public static class AuditVocabulary
{
    /// <summary>What a secret's change reads as (the trail records that it changed, never its value).</summary>
    public const string SecretChanged = "đã thay đổi";

    /// <summary>Audited entities by the CLR name the trail stores (<c>Type.Name</c>), with their Vietnamese names.</summary>
    public static FrozenDictionary<string, string> Entities { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Agency"] = "Cơ quan, đơn vị",
        ["InformationSystem"] = "Hệ thống thông tin",
        ["SoftwareComponent"] = "Thành phần phần mềm",
        ["SystemEndpoint"] = "Địa chỉ truy cập của hệ thống",
        ["PortalUser"] = "Tài khoản người dùng",
        ["IdentityRole"] = "Vai trò",
        ["IdentityUserRole`1"] = "Vai trò của tài khoản",
        ["IdentityUserToken`1"] = "Khóa xác thực của tài khoản",
        ["IdentityUserClaim`1"] = "Thuộc tính của tài khoản",
        ["IdentityRoleClaim`1"] = "Thuộc tính của vai trò",
        ["IdentityUserLogin`1"] = "Đăng nhập bên ngoài của tài khoản",
        ["CalendarDay"] = "Lịch ngày làm việc",
        ["LevelDossier"] = "Hồ sơ đề xuất cấp độ",
        ["DossierAttachment"] = "Tài liệu của hồ sơ",
        ["DossierEvent"] = "Diễn biến hồ sơ",
        ["DossierSectionReview"] = "Ý kiến thẩm định từng mục của hồ sơ",
        ["NotificationPreference"] = "Tùy chọn thông báo",
        ["CatalogVersion"] = "Danh mục yêu cầu",
        ["CatalogGroup"] = "Nhóm yêu cầu",
        ["CatalogRequirement"] = "Yêu cầu",
        ["RequirementLevel"] = "Yêu cầu theo cấp độ",
        ["Assessment"] = "Bản tự đánh giá",
        ["AssessmentItem"] = "Nội dung tự đánh giá",
        ["AssessmentEvidence"] = "Minh chứng tự đánh giá",
        ["Campaign"] = "Đợt đánh giá",
        ["Incident"] = "Sự cố",
        ["IncidentSystem"] = "Hệ thống bị ảnh hưởng bởi sự cố",
        ["VulnerabilityWarning"] = "Cảnh báo lỗ hổng",
        ["RemediationTask"] = "Nhiệm vụ khắc phục",
        ["TaskAttachment"] = "Tệp của nhiệm vụ",
        ["TaskEntry"] = "Diễn biến nhiệm vụ",
        ["WatchedWebsite"] = "Trang web được giám sát",
        ["UserSession"] = "Phiên đăng nhập",
        ["Directive"] = "Văn bản chỉ đạo",
        ["DirectiveAction"] = "Yêu cầu của văn bản chỉ đạo",
        ["DirectiveRecipient"] = "Nơi nhận văn bản chỉ đạo",
        ["DirectiveFile"] = "Tệp văn bản chỉ đạo đã ký",
        ["DirectiveReport"] = "Báo cáo thực hiện văn bản chỉ đạo",
        ["DirectiveAnswer"] = "Trả lời yêu cầu của văn bản chỉ đạo",
        ["DirectiveEvidence"] = "Minh chứng thực hiện văn bản chỉ đạo",
        ["SupportRequest"] = "Yêu cầu hỗ trợ",
        ["SupportMessage"] = "Trao đổi về yêu cầu hỗ trợ",
        ["SupportAttachment"] = "Tệp của yêu cầu hỗ trợ",
        ["TrustAnchor"] = "Chứng thư gốc tin cậy",
        ["ApiToken"] = "Mã truy cập API",
        ["ApiCall"] = "Lệnh gọi API",
        ["ScanFinding"] = "Phát hiện của báo cáo quét",
        ["ScanReportImport"] = "Báo cáo quét đã nhập",
        ["VulnerabilityRecord"] = "Bản ghi lỗ hổng (nguồn dữ liệu ngoại tuyến)",
        ["VulnerabilityAffected"] = "Sản phẩm bị ảnh hưởng của bản ghi lỗ hổng",
        ["KnownExploitedCve"] = "Lỗ hổng đang bị khai thác (KEV)",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Bookkeeping never shown: keys, concurrency and security stamps, search and normalized columns, hashes, leases.</summary>
    private static readonly FrozenSet<string> Hidden = new[]
    {
        "Id", "ConcurrencyStamp", "SecurityStamp", "SearchText", "SearchName", "NormalizedEmail", "NormalizedUserName",
        "NormalizedName", "NormalizedProduct", "Sha256", "ContentHash", "LastTotpTimeStep", "LastSeenAtUtc", "LeaseToken", "LeaseUntilUtc",
        "BaselineFingerprint", "Fingerprint", "BaselinePhrases", "FindingCodes", "ProviderKey", "QueueOrder", "SecretHash", "LastUsedAtUtc",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Fields whose change is recorded without its value (the trail writes a marker in their place).</summary>
    private static readonly FrozenSet<string> Secrets = new[] { "PasswordHash", "IdentityUserToken`1.Value" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Labels by field, shared by every entity that has the field.</summary>
    private static readonly FrozenDictionary<string, string> Fields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Address"] = "Địa chỉ", ["IsActive"] = "Đang hoạt động", ["Active"] = "Đang giám sát", ["Kind"] = "Loại",
        ["Name"] = "Tên", ["Code"] = "Mã", ["Title"] = "Tiêu đề", ["Description"] = "Mô tả", ["Status"] = "Trạng thái",
        ["State"] = "Trạng thái", ["Severity"] = "Mức độ", ["Level"] = "Cấp độ", ["Cycle"] = "Năm đánh giá",
        ["DueDate"] = "Hạn xử lý", ["Deadline"] = "Hạn hoàn thành", ["CreatedAtUtc"] = "Thời điểm tạo", ["CreatedById"] = "Người tạo",
        ["CreatedOn"] = "Ngày lập", ["SystemId"] = "Hệ thống", ["AgencyId"] = "Cơ quan, đơn vị", ["UserId"] = "Người dùng",
        ["UserName"] = "Người thực hiện", ["Url"] = "Địa chỉ", ["IsPublic"] = "Công khai trên Internet", ["Order"] = "Thứ tự",
        ["Note"] = "Ghi chú", ["Notes"] = "Ghi chú", ["Text"] = "Nội dung", ["Action"] = "Thao tác", ["AtUtc"] = "Thời điểm",
        ["Date"] = "Ngày", ["Version"] = "Phiên bản", ["Vendor"] = "Hãng sản xuất", ["Product"] = "Sản phẩm", ["Purl"] = "Định danh gói (purl)", ["Cpe"] = "Tên CPE 2.3",
        ["EndOfLife"] = "Ngày hết hỗ trợ", ["LastPatched"] = "Ngày vá gần nhất", ["Reference"] = "Căn cứ",
        ["FileName"] = "Tên tệp", ["ContentType"] = "Loại tệp", ["Length"] = "Dung lượng", ["UploadedAtUtc"] = "Tải lên lúc",
        ["UploadedById"] = "Người tải lên", ["DossierId"] = "Hồ sơ", ["TaskId"] = "Nhiệm vụ", ["AssessmentId"] = "Bản tự đánh giá",
        ["ItemId"] = "Nội dung tự đánh giá", ["IncidentId"] = "Sự cố", ["VersionId"] = "Danh mục yêu cầu",
        ["CatalogVersionId"] = "Danh mục yêu cầu", ["CatalogCode"] = "Danh mục yêu cầu", ["RequirementId"] = "Yêu cầu",
        ["GroupCode"] = "Nhóm yêu cầu", ["RequirementCode"] = "Mã yêu cầu", ["CampaignId"] = "Đợt đánh giá",
        ["TitleEn"] = "Tiêu đề tiếng Anh", ["Guidance"] = "Hướng dẫn", ["Evidence"] = "Minh chứng cần có",
        ["Frequency"] = "Tần suất gửi thư", ["FromState"] = "Trạng thái trước", ["ToState"] = "Trạng thái sau",

        // The registry (Systems/_SystemFields, Agencies/_AgencyFields).
        ["HeadName"] = "Người đứng đầu", ["HeadTitle"] = "Chức vụ người đứng đầu", ["ItContactName"] = "Cán bộ phụ trách CNTT",
        ["ItContactPhone"] = "Điện thoại cán bộ CNTT", ["ItContactEmail"] = "Thư điện tử cán bộ CNTT", ["MergedIntoId"] = "Sáp nhập vào",
        ["Mandate"] = "Văn bản quy định chức năng, nhiệm vụ, quyền hạn", ["SecurityUnitId"] = "Đơn vị chuyên trách về an ninh mạng",
        ["MergedOn"] = "Ngày sáp nhập", ["ParentId"] = "Trực thuộc", ["ShortName"] = "Tên viết tắt",
        ["ApprovedDossierId"] = "Hồ sơ được phê duyệt", ["ApprovedLevel"] = "Cấp độ được phê duyệt", ["ApprovedOn"] = "Ngày phê duyệt cấp độ",
        ["BasicPersonalDataSubjects"] = "Số chủ thể dữ liệu cá nhân cơ bản", ["SensitivePersonalDataSubjects"] = "Số chủ thể dữ liệu cá nhân nhạy cảm",
        ["ConditionalBusinessLine"] = "Phục vụ ngành nghề kinh doanh có điều kiện", ["FunctionKind"] = "Loại hệ thống",
        ["GoLiveDate"] = "Ngày đưa vào sử dụng", ["HandlesAdministrativeProcedures"] = "Có xử lý thủ tục hành chính",
        ["Hosting"] = "Hình thức lưu trữ", ["HostingProvider"] = "Nhà cung cấp hạ tầng",
        ["IndustrialControlClass"] = "Cấp công trình (hệ thống điều khiển công nghiệp)", ["InformationTypes"] = "Thông tin được xử lý",
        ["InfrastructureScope"] = "Phạm vi hạ tầng", ["Lifecycle"] = "Trạng thái", ["OnlineServiceLevel"] = "Mức độ dịch vụ công trực tuyến (1–4)",
        ["OperatorAgencyId"] = "Đơn vị vận hành", ["OwnerAgencyId"] = "Cơ quan chủ quản", ["Requires24x7"] = "Yêu cầu vận hành 24/7",
        ["TechnicalContactName"] = "Cán bộ kỹ thuật phụ trách", ["TechnicalContactPhone"] = "Điện thoại", ["TechnicalContactEmail"] = "Thư điện tử",
        ["UserCount"] = "Số người sử dụng",

        // Accounts (Admin/Users/_UserFields, Account/Manage).
        ["Email"] = "Thư điện tử (tên đăng nhập)", ["EmailConfirmed"] = "Đã xác nhận thư điện tử", ["FullName"] = "Họ và tên",
        ["Position"] = "Chức vụ", ["RequireTwoFactor"] = "Bắt buộc xác thực hai yếu tố", ["TwoFactorEnabled"] = "Đã bật xác thực hai yếu tố",
        ["AccessFailedCount"] = "Số lần đăng nhập sai", ["LockoutEnabled"] = "Cho phép tạm khóa", ["LockoutEnd"] = "Tạm khóa đến",
        ["PhoneNumber"] = "Điện thoại", ["PhoneNumberConfirmed"] = "Đã xác nhận điện thoại", ["PasswordHash"] = "Mật khẩu",
        ["RoleId"] = "Vai trò", ["LoginProvider"] = "Nhà cung cấp đăng nhập", ["ProviderDisplayName"] = "Nhà cung cấp đăng nhập",
        ["ClaimType"] = "Loại thuộc tính", ["ClaimValue"] = "Giá trị thuộc tính", ["Value"] = "Giá trị",

        // The level dossier (Dossiers pages).
        ["AppraisalBody"] = "Cơ quan thẩm định", ["AppraisalComments"] = "Nội dung ý kiến", ["AppraisalConclusion"] = "Kết luận",
        ["AppraisalDate"] = "Ngày văn bản thẩm định", ["AppraisalDocumentNumber"] = "Số văn bản thẩm định", ["AppraisalDue"] = "Hạn thẩm định",
        ["AppraisedById"] = "Người thẩm định", ["ApprovalDue"] = "Hạn phê duyệt", ["ApprovedById"] = "Người phê duyệt",
        ["CompletenessDue"] = "Hạn kiểm tra tính đầy đủ", ["DecisionDate"] = "Ngày quyết định", ["DecisionNumber"] = "Số quyết định",
        ["DecisionSigner"] = "Người ký", ["ExpertOpinionDate"] = "Ngày văn bản ý kiến chuyên môn", ["ExpertOpinionNumber"] = "Số văn bản ý kiến chuyên môn",
        ["ExpertOpinionSummary"] = "Tóm tắt ý kiến chuyên môn", ["InvestmentStarted"] = "Ngày bắt đầu đầu tư hệ thống (nếu có)",
        ["ProposalJustification"] = "Lý do đề xuất cấp độ cao hơn kết quả xác định", ["ProposedLevel"] = "Cấp độ đề xuất",
        ["RuleSet"] = "Văn bản áp dụng", ["RuleSetReason"] = "Lý do chọn văn bản khác mặc định", ["SubmittedById"] = "Người gửi",
        ["ExpectedApprovalOn"] = "Thời gian dự kiến phê duyệt", ["RulesDecisionNumber"] = "Số quyết định ban hành quy chế bảo đảm an ninh mạng",
        ["RulesDecisionDate"] = "Ngày quyết định ban hành quy chế", ["RulesDecisionIssuer"] = "Cơ quan ban hành quy chế",
        ["SubmittedOn"] = "Ngày gửi", ["ReviewRound"] = "Lần gửi thẩm định", ["Round"] = "Lần gửi thẩm định", ["Section"] = "Mục của hồ sơ",
        ["Comment"] = "Nhận xét", ["ReviewerName"] = "Người xem xét", ["ReviewedAtUtc"] = "Thời điểm xem xét", ["ReturnedAtUtc"] = "Thời điểm trả lại",
        ["Facts.BasicPersonalDataSubjects"] = "Số chủ thể dữ liệu cá nhân cơ bản", ["Facts.CentralisedNationalData"] = "Lưu trữ tập trung dữ liệu đặc biệt quan trọng của quốc gia",
        ["Facts.ConditionalBusinessLine"] = "Thuộc danh mục ngành, nghề đầu tư kinh doanh có điều kiện",
        ["Facts.DesignatedLevel"] = "Cấp độ theo quyết định của Thủ tướng Chính phủ (0 nếu không có)",
        ["Facts.RiskFrameworkLevel"] = "Cấp độ theo Khung quản lý rủi ro an ninh mạng (0 nếu không được đánh giá theo Khung)",
        ["Facts.Strategic"] = "Hệ thống mang tính chiến lược",
        ["Facts.FunctionKind"] = "Loại hệ thống", ["Facts.HandlesAdministrativeProcedures"] = "Giải quyết thủ tục hành chính",
        ["Facts.IndustrialControlClass"] = "Cấp công trình xây dựng (hệ thống điều khiển công nghiệp)", ["Facts.InformationTypes"] = "Thông tin được xử lý",
        ["Facts.InfrastructureScope"] = "Phạm vi của cơ sở hạ tầng thông tin", ["Facts.InternationalInfrastructureLink"] = "Hạ tầng thông tin quốc gia kết nối Việt Nam với quốc tế",
        ["Facts.NationalEGovernmentSystem"] = "Hệ thống thông tin quốc gia phục vụ Chính phủ điện tử",
        ["Facts.NationalSecurityHarm"] = "Mức độ tổn hại tới quốc phòng, an ninh quốc gia nếu bị phá hoại",
        ["Facts.OnlineServiceLevel"] = "Mức độ dịch vụ công trực tuyến (0 nếu không có)", ["Facts.Requires24x7"] = "Vận hành 24/7, không chấp nhận ngừng ngoài kế hoạch",
        ["Facts.SensitivePersonalDataSubjects"] = "Số chủ thể dữ liệu cá nhân nhạy cảm",
        ["Facts.ServesNationalSecurityWork"] = "Công trình quan trọng liên quan đến an ninh quốc gia",
        ["Facts.UserCount"] = "Số người sử dụng có thông tin riêng, thông tin cá nhân được xử lý",

        // Self-assessments, campaigns, the catalog.
        ["AcceptedAtUtc"] = "Thời điểm chấp nhận", ["CarriedFromId"] = "Tiếp nối từ bản tự đánh giá", ["FiledDeployment"] = "Triển khai phương án (khi nộp)",
        ["FiledGroups"] = "Điểm theo nhóm (khi nộp)", ["FiledScore"] = "Điểm (khi nộp)", ["HeadConfirmation"] = "Xác nhận của người đứng đầu",
        ["LevelIsApproved"] = "Cấp độ đã được phê duyệt", ["ReturnNote"] = "Lý do trả lại", ["ReviewerId"] = "Người xem xét",
        ["SubmittedAtUtc"] = "Thời điểm nộp", ["Answer"] = "Trả lời", ["AnsweredAtUtc"] = "Thời điểm trả lời", ["AnsweredById"] = "Người trả lời",
        ["CarriedAnswer"] = "Trả lời kỳ trước", ["CarriedEvidenceNote"] = "Minh chứng kỳ trước", ["CarriedJustification"] = "Giải trình kỳ trước",
        ["ChangedSinceReturn"] = "Đã sửa sau khi trả lại", ["EvidenceNote"] = "Mô tả minh chứng", ["IsNewRequirement"] = "Yêu cầu mới",
        ["Justification"] = "Giải trình", ["PlannedDate"] = "Ngày dự kiến đáp ứng", ["RequirementTextChanged"] = "Nội dung yêu cầu đã thay đổi",
        ["Responsible"] = "Người chịu trách nhiệm", ["Review"] = "Kết quả xem xét", ["ReviewComment"] = "Ý kiến xem xét",
        ["TargetKind"] = "Chỉ loại cơ quan", ["TargetLevel"] = "Chỉ hệ thống cấp độ", ["EffectiveDate"] = "Ngày hiệu lực",
        ["LegalBasis"] = "Căn cứ pháp lý", ["IsProvisional"] = "Tạm tính",

        // Directives (Directives pages).
        ["Number"] = "Số hiệu văn bản", ["IssuedOn"] = "Ngày ban hành", ["Issuer"] = "Cơ quan ban hành", ["Subject"] = "Trích yếu",
        ["SentById"] = "Người gửi văn bản", ["SentAtUtc"] = "Thời điểm gửi", ["ClosedAtUtc"] = "Thời điểm kết thúc theo dõi",
        ["DirectiveId"] = "Văn bản chỉ đạo", ["EvidenceExpected"] = "Minh chứng cần có", ["AgencyKinds"] = "Áp dụng cho loại cơ quan",
        ["Levels"] = "Áp dụng cho cấp độ hệ thống", ["ReportId"] = "Báo cáo thực hiện", ["ActionId"] = "Yêu cầu của văn bản",
        ["AnswerId"] = "Trả lời yêu cầu", ["Reason"] = "Lý do không áp dụng", ["FirstSubmittedAtUtc"] = "Thời điểm gửi báo cáo lần đầu",
        ["CompletedAtUtc"] = "Thời điểm hoàn thành",

        // Support requests (Support pages).
        ["Category"] = "Loại hỗ trợ", ["Urgency"] = "Mức độ khẩn cấp", ["RequestedById"] = "Người gửi yêu cầu",
        ["RequestedByName"] = "Họ tên người gửi yêu cầu", ["RequestedAtUtc"] = "Thời điểm gửi yêu cầu", ["DueAtUtc"] = "Hạn xử lý yêu cầu",
        ["FromProvince"] = "Của đơn vị chuyên trách", ["RequestId"] = "Yêu cầu hỗ trợ", ["MessageId"] = "Trao đổi",

        // Incidents, warnings, tasks, websites.
        ["ActionsTaken"] = "Biện pháp đã thực hiện", ["DetectedAtUtc"] = "Thời điểm phát hiện", ["FullReportAtUtc"] = "Thời điểm báo cáo đầy đủ",
        ["InitialNoticeAtUtc"] = "Thời điểm thông báo ban đầu", ["ReportedAtUtc"] = "Thời điểm báo cáo", ["ReportedById"] = "Người báo cáo",
        ["Serious"] = "Sự cố nghiêm trọng (phải thông báo ban đầu trong 24 giờ)", ["AffectedProducts"] = "Sản phẩm và phiên bản bị ảnh hưởng",
        ["PublishedAtUtc"] = "Thời điểm phát hành", ["RecommendedAction"] = "Khuyến nghị xử lý", ["SourceUrl"] = "Nguồn (địa chỉ)",
        ["AssigneeId"] = "Giao cho", ["AssigneeName"] = "Người được giao", ["ResolutionNote"] = "Kết quả xử lý", ["ResolvedAtUtc"] = "Thời điểm hoàn thành",
        ["ResolvedById"] = "Người hoàn thành", ["Source"] = "Nguồn phát sinh", ["SourceId"] = "Bản ghi nguồn", ["SourceItemId"] = "Nội dung nguồn",
        ["VerifiedAtUtc"] = "Thời điểm xác nhận", ["VerifiedById"] = "Người xác nhận", ["AlertCheckId"] = "Lần kiểm tra cảnh báo",
        ["AlertRaisedUtc"] = "Thời điểm cảnh báo", ["BaselineCheckId"] = "Lần kiểm tra làm mốc", ["BaselineSetBy"] = "Người đặt mốc",
        ["BaselineSetUtc"] = "Thời điểm đặt mốc", ["BaselineTitle"] = "Tiêu đề trang mốc", ["CertificateNotAfterUtc"] = "Chứng thư số hết hạn",
        ["DownSinceUtc"] = "Không truy cập được từ", ["Health"] = "Tình trạng", ["LastCheckId"] = "Lần kiểm tra gần nhất",
        ["LastCheckedUtc"] = "Kiểm tra gần nhất lúc", ["NextCheckUtc"] = "Lần kiểm tra tới", ["ResponseMs"] = "Thời gian phản hồi (ms)",
    }.Concat(DossierContent.SectionList.Select(s => KeyValuePair.Create("Content." + s.Field, s.Title)))
        .ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Where one entity names a field differently from the others (an agency's «Tên đầy đủ», a system's «Tên hệ thống»).</summary>
    private static readonly FrozenDictionary<string, string> EntityFields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Agency.Name"] = "Tên đầy đủ", ["Agency.Code"] = "Mã định danh", ["Agency.Phone"] = "Điện thoại của cơ quan",
        ["Agency.Email"] = "Thư điện tử của cơ quan",
        ["InformationSystem.Name"] = "Tên hệ thống", ["InformationSystem.Code"] = "Mã hệ thống", ["InformationSystem.Description"] = "Mô tả, mục đích",
        ["PortalUser.UserName"] = "Tên đăng nhập", ["PortalUser.IsActive"] = "Tài khoản đang hoạt động",
        ["Incident.Title"] = "Tên sự cố", ["Incident.Kind"] = "Loại sự cố", ["RemediationTask.Title"] = "Tên nhiệm vụ",
        ["VulnerabilityWarning.Title"] = "Tên cảnh báo", ["VulnerabilityWarning.Reference"] = "Số hiệu (mã CVE hoặc số cảnh báo)",
        ["Campaign.Title"] = "Tên đợt đánh giá", ["DossierAttachment.Kind"] = "Loại tài liệu", ["CatalogVersion.Code"] = "Mã danh mục",
        ["CatalogVersion.Title"] = "Tên danh mục", ["IdentityUserToken`1.Name"] = "Loại khóa", ["IdentityRole.Name"] = "Vai trò",
        ["NotificationPreference.Kind"] = "Loại thông báo", ["SoftwareComponent.Kind"] = "Loại thành phần",
        ["UserSession.CreatedAtUtc"] = "Bắt đầu", ["UserSession.ClientAddress"] = "Địa chỉ máy khách", ["UserSession.UserAgent"] = "Trình duyệt",
        ["PortalUser.MustChangePassword"] = "Phải đổi mật khẩu tạm",
        ["DossierAttachment.SignatureReport"] = "Kết quả kiểm tra chữ ký số", ["DossierAttachment.SignaturesCheckedAtUtc"] = "Kiểm tra chữ ký số lúc",
        ["TrustAnchor.Der"] = "Nội dung chứng thư", ["TrustAnchor.Subject"] = "Chủ thể", ["TrustAnchor.Issuer"] = "Tổ chức cấp",
        ["TrustAnchor.Thumbprint"] = "Dấu vân tay SHA-256", ["TrustAnchor.IsRoot"] = "Chứng thư gốc", ["TrustAnchor.NotBeforeUtc"] = "Hiệu lực từ",
        ["TrustAnchor.NotAfterUtc"] = "Hiệu lực đến", ["TrustAnchor.AddedById"] = "Người thêm", ["TrustAnchor.AddedAtUtc"] = "Thêm lúc",
        ["ApiToken.Name"] = "Tên mã truy cập", ["ApiToken.Scopes"] = "Phạm vi", ["ApiToken.Hint"] = "Phần đầu của mã",
        ["ApiToken.ExpiresAtUtc"] = "Hết hạn", ["ApiToken.RevokedAtUtc"] = "Thu hồi lúc", ["ApiToken.RevokedBy"] = "Người thu hồi",
        ["SupportRequest.ClosedAtUtc"] = "Thời điểm đóng yêu cầu", ["SupportRequest.Description"] = "Mô tả điều cần hỗ trợ",
        ["VulnerabilityRecord.VulnerabilityId"] = "Mã lỗ hổng", ["VulnerabilityRecord.Aliases"] = "Mã khác của lỗ hổng",
        ["VulnerabilityRecord.Summary"] = "Tóm tắt", ["VulnerabilityRecord.Source"] = "Nguồn dữ liệu", ["VulnerabilityRecord.CvssScore"] = "Điểm CVSS",
        ["VulnerabilityRecord.CvssVector"] = "Véc-tơ CVSS", ["VulnerabilityRecord.PublishedUtc"] = "Công bố lúc",
        ["VulnerabilityRecord.ModifiedUtc"] = "Sửa đổi lúc", ["VulnerabilityRecord.ImportBatchId"] = "Lần nhập",
        ["VulnerabilityRecord.ImportedAtUtc"] = "Nhập lúc", ["VulnerabilityAffected.RecordId"] = "Bản ghi lỗ hổng",
        ["VulnerabilityAffected.Identity"] = "Định danh (purl hoặc CPE)", ["VulnerabilityAffected.Rule"] = "Quy tắc phiên bản",
        ["KnownExploitedCve.CveId"] = "Mã CVE", ["KnownExploitedCve.AddedAtUtc"] = "Thêm lúc",
        ["VulnerabilityWarning.FeedRecordId"] = "Bản ghi lỗ hổng nguồn",
        ["ApiCall.Endpoint"] = "Điểm cuối API", ["ApiCall.Path"] = "Đường dẫn", ["ApiCall.Status"] = "Mã trả lời HTTP",
        ["ScanFinding.Scanner"] = "Công cụ quét", ["ScanFinding.Target"] = "Đối tượng được quét", ["ScanFinding.Key"] = "Mã lỗ hổng hoặc mã plugin",
        ["ScanFinding.Cves"] = "Mã CVE", ["ScanFinding.Cvss"] = "Điểm CVSS", ["ScanFinding.Kev"] = "Thuộc danh mục KEV",
        ["ScanFinding.Package"] = "Gói phần mềm", ["ScanFinding.InstalledVersion"] = "Phiên bản đang cài", ["ScanFinding.FixedVersion"] = "Phiên bản đã sửa",
        ["ScanFinding.FirstImportId"] = "Lần nhập đầu tiên", ["ScanFinding.LastImportId"] = "Lần nhập gần nhất",
        ["ScanFinding.FirstSeenUtc"] = "Phát hiện lần đầu lúc", ["ScanFinding.LastSeenUtc"] = "Phát hiện gần nhất lúc",
        ["ScanReportImport.Format"] = "Định dạng báo cáo", ["ScanReportImport.ImportedById"] = "Người nhập", ["ScanReportImport.ImportedAtUtc"] = "Nhập lúc",
        ["ScanReportImport.ScannedAtUtc"] = "Quét lúc", ["ScanReportImport.NewTasks"] = "Số nhiệm vụ mới", ["ScanReportImport.UpdatedTasks"] = "Số nhiệm vụ cập nhật",
        ["ScanReportImport.ProposedTasks"] = "Số nhiệm vụ đề xuất xác minh", ["ScanReportImport.Unmatched"] = "Số phát hiện chờ gán",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every entity name and field label the history may show (localizer keys), for the English coverage test.</summary>
    public static IEnumerable<string> Words => Entities.Values.Concat(Fields.Values).Concat(EntityFields.Values);

    /// <summary>The Vietnamese name of an audited entity, or null for a type the trail does not describe.</summary>
    public static string? EntityName(string clrName) => Entities.GetValueOrDefault(clrName);

    /// <summary>Whether a field is bookkeeping the history never shows.</summary>
    public static bool IsHidden(string entity, string field) =>
        Hidden.Contains(field) || field.EndsWith("SearchText", StringComparison.Ordinal) || field.StartsWith("Normalized", StringComparison.Ordinal)
        || (entity == "IdentityUserToken`1" && field == "LoginProvider");

    /// <summary>Whether a field is a secret: its change is shown as <see cref="SecretChanged"/>, never a value.</summary>
    public static bool IsSecret(string entity, string field) => Secrets.Contains(field) || Secrets.Contains($"{entity}.{field}");

    /// <summary>The form's label of a field, or null when the vocabulary lacks it.</summary>
    public static string? FieldLabel(string entity, string field) =>
        EntityFields.GetValueOrDefault($"{entity}.{field}") ?? Fields.GetValueOrDefault(field);
}
