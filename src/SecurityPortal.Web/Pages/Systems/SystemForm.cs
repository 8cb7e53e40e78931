using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Registry;

namespace SecurityPortal.Web.Pages.Systems;

/// <summary>The fields of the create and edit pages (partial _SystemFields), with the URL and component rows.</summary>
public sealed class SystemInput
{
    public const int BlankEndpointRows = 2;
    public const int BlankComponentRows = 3;

    [Display(Name = "Mã hệ thống")]
    public string Code { get; set; } = string.Empty;

    [Display(Name = "Tên hệ thống")]
    public string Name { get; set; } = string.Empty;

    [Display(Name = "Mô tả, mục đích")]
    public string? Description { get; set; }

    [Display(Name = "Cơ quan chủ quản")]
    public Guid? OwnerAgencyId { get; set; }

    [Display(Name = "Đơn vị vận hành")]
    public Guid? OperatorAgencyId { get; set; }

    [Display(Name = "Loại hệ thống")]
    public SystemFunctionKind FunctionKind { get; set; }

    [Display(Name = "Thông tin được xử lý")]
    public List<InformationTypes> InformationTypes { get; set; } = [];

    [Display(Name = "Số người sử dụng")]
    public int? UserCount { get; set; }

    [Display(Name = "Số chủ thể dữ liệu cá nhân cơ bản")]
    public int? BasicPersonalDataSubjects { get; set; }

    [Display(Name = "Số chủ thể dữ liệu cá nhân nhạy cảm")]
    public int? SensitivePersonalDataSubjects { get; set; }

    [Display(Name = "Mức độ dịch vụ công trực tuyến (1–4)")]
    public int? OnlineServiceLevel { get; set; }

    [Display(Name = "Có xử lý thủ tục hành chính")]
    public bool HandlesAdministrativeProcedures { get; set; }

    [Display(Name = "Phục vụ ngành nghề kinh doanh có điều kiện")]
    public bool ConditionalBusinessLine { get; set; }

    [Display(Name = "Phạm vi hạ tầng")]
    public InfrastructureScope InfrastructureScope { get; set; }

    [Display(Name = "Yêu cầu vận hành 24/7")]
    public bool Requires24x7 { get; set; }

    [Display(Name = "Cấp công trình (hệ thống điều khiển công nghiệp)")]
    public ConstructionWorkClass? IndustrialControlClass { get; set; }

    [Display(Name = "Hình thức lưu trữ")]
    public HostingModel Hosting { get; set; }

    [Display(Name = "Nhà cung cấp hạ tầng")]
    public string? HostingProvider { get; set; }

    [Display(Name = "Trạng thái")]
    public LifecycleStatus Lifecycle { get; set; } = LifecycleStatus.Operating;

    [Display(Name = "Ngày đưa vào sử dụng")]
    public DateOnly? GoLiveDate { get; set; }

    [Display(Name = "Cán bộ kỹ thuật phụ trách")]
    public string? TechnicalContactName { get; set; }

    [Display(Name = "Điện thoại")]
    public string? TechnicalContactPhone { get; set; }

    [Display(Name = "Thư điện tử")]
    public string? TechnicalContactEmail { get; set; }

    public List<EndpointRow> Endpoints { get; set; } = [];
    public List<ComponentRow> Components { get; set; } = [];

    public sealed class EndpointRow
    {
        public Guid? Id { get; set; }
        public string? Url { get; set; }
        public bool IsPublic { get; set; } = true;

        public bool IsBlank => string.IsNullOrWhiteSpace(Url);
    }

    public sealed class ComponentRow
    {
        public Guid? Id { get; set; }
        public ComponentKind Kind { get; set; }
        public string? Product { get; set; }
        public string? Vendor { get; set; }
        public string? Version { get; set; }
        public DateOnly? EndOfLife { get; set; }
        public DateOnly? LastPatched { get; set; }
        public string? Notes { get; set; }

        [Display(Name = "Định danh gói (purl)")]
        public string? Purl { get; set; }

        [Display(Name = "Tên CPE 2.3")]
        public string? Cpe { get; set; }

        public bool IsBlank => string.IsNullOrWhiteSpace(Product) && string.IsNullOrWhiteSpace(Version) && string.IsNullOrWhiteSpace(Vendor);
    }

    public static SystemInput From(InformationSystem system) => new()
    {
        Code = system.Code,
        Name = system.Name,
        Description = system.Description,
        OwnerAgencyId = system.OwnerAgencyId,
        OperatorAgencyId = system.OperatorAgencyId,
        FunctionKind = system.FunctionKind,
        InformationTypes = Enum.GetValues<InformationTypes>().Where(t => t != Domain.Systems.InformationTypes.None && system.InformationTypes.HasFlag(t)).ToList(),
        UserCount = system.UserCount,
        BasicPersonalDataSubjects = system.BasicPersonalDataSubjects,
        SensitivePersonalDataSubjects = system.SensitivePersonalDataSubjects,
        OnlineServiceLevel = system.OnlineServiceLevel,
        HandlesAdministrativeProcedures = system.HandlesAdministrativeProcedures,
        ConditionalBusinessLine = system.ConditionalBusinessLine,
        InfrastructureScope = system.InfrastructureScope,
        Requires24x7 = system.Requires24x7,
        IndustrialControlClass = system.IndustrialControlClass,
        Hosting = system.Hosting,
        HostingProvider = system.HostingProvider,
        Lifecycle = system.Lifecycle,
        GoLiveDate = system.GoLiveDate,
        TechnicalContactName = system.TechnicalContactName,
        TechnicalContactPhone = system.TechnicalContactPhone,
        TechnicalContactEmail = system.TechnicalContactEmail,
        Endpoints = system.Endpoints.Select(e => new EndpointRow { Id = e.Id, Url = e.Url, IsPublic = e.IsPublic }).ToList(),
        Components = system.Components.Select(c => new ComponentRow
        {
            Id = c.Id, Kind = c.Kind, Product = c.Product, Vendor = c.Vendor, Version = c.Version,
            EndOfLife = c.EndOfLife, LastPatched = c.LastPatched, Notes = c.Notes, Purl = c.Purl, Cpe = c.Cpe,
        }).ToList(),
    };

    /// <summary>How many rows «Đề xuất purl/CPE» filled in; shown, never saved by itself.</summary>
    [BindNever]
    public int Proposed { get; private set; }

    /// <summary>
    /// Fills each typed row's blank purl and CPE with a best-effort proposal from its kind, vendor, product and version
    /// (<see cref="IdentifierProposal"/>). Nothing is saved: the officer checks the proposals and saves the form.
    /// </summary>
    public SystemInput ProposeIdentifiers()
    {
        Proposed = 0;
        foreach (var row in Components.Where(r => !r.IsBlank && !string.IsNullOrWhiteSpace(r.Product)))
        {
            var (purl, cpe) = IdentifierProposal.For(row.Kind, row.Product, row.Vendor, row.Version);
            var filled = false;
            if (string.IsNullOrWhiteSpace(row.Purl) && purl is not null)
            {
                row.Purl = purl;
                filled = true;
            }

            if (string.IsNullOrWhiteSpace(row.Cpe) && cpe is not null)
            {
                row.Cpe = cpe;
                filled = true;
            }

            Proposed += filled ? 1 : 0;
        }

        return WithBlankRows();
    }

    /// <summary>Adds the blank rows the form shows for new URLs and components (no script needed).</summary>
    public SystemInput WithBlankRows()
    {
        Endpoints.RemoveAll(e => e.IsBlank && e.Id is null);
        Components.RemoveAll(c => c.IsBlank && c.Id is null);
        for (var i = 0; i < BlankEndpointRows; i++)
        {
            Endpoints.Add(new EndpointRow());
        }

        for (var i = 0; i < BlankComponentRows; i++)
        {
            Components.Add(new ComponentRow());
        }

        return this;
    }

    /// <summary>Copies the input onto the aggregate; URL and component rows are matched by id, blank rows ignored.</summary>
    public void ApplyTo(InformationSystem system)
    {
        system.SetIdentity(Code, Name, Description);
        system.OwnerAgencyId = OwnerAgencyId!.Value;
        system.OperatorAgencyId = OperatorAgencyId!.Value;
        system.FunctionKind = FunctionKind;
        system.InformationTypes = InformationTypes.Aggregate(Domain.Systems.InformationTypes.None, (all, t) => all | t);
        system.UserCount = UserCount;
        system.BasicPersonalDataSubjects = BasicPersonalDataSubjects;
        system.SensitivePersonalDataSubjects = SensitivePersonalDataSubjects;
        system.OnlineServiceLevel = OnlineServiceLevel;
        system.HandlesAdministrativeProcedures = HandlesAdministrativeProcedures;
        system.ConditionalBusinessLine = ConditionalBusinessLine;
        system.InfrastructureScope = InfrastructureScope;
        system.Requires24x7 = Requires24x7;
        system.IndustrialControlClass = FunctionKind == SystemFunctionKind.IndustrialControl ? IndustrialControlClass : null;
        system.Hosting = Hosting;
        system.HostingProvider = Trimmed(HostingProvider);
        system.ChangeLifecycle(Lifecycle, GoLiveDate);
        system.TechnicalContactName = Trimmed(TechnicalContactName);
        system.TechnicalContactPhone = Trimmed(TechnicalContactPhone);
        system.TechnicalContactEmail = Trimmed(TechnicalContactEmail);

        var endpointRows = Endpoints.Where(e => !e.IsBlank).ToList();
        foreach (var stale in system.Endpoints.Where(e => endpointRows.All(r => r.Id != e.Id || !SameUrl(r.Url, e.Url))).ToList())
        {
            system.RemoveEndpoint(stale.Id);
        }

        foreach (var row in endpointRows)
        {
            var existing = system.Endpoints.FirstOrDefault(e => e.Id == row.Id);
            if (existing is null)
            {
                system.AddEndpoint(row.Url!, row.IsPublic);
            }
            else
            {
                existing.IsPublic = row.IsPublic;
            }
        }

        var componentRows = Components.Where(c => !c.IsBlank).ToList();
        foreach (var stale in system.Components.Where(c => componentRows.All(r => r.Id != c.Id)).ToList())
        {
            system.RemoveComponent(stale.Id);
        }

        foreach (var row in componentRows)
        {
            var component = system.Components.FirstOrDefault(c => c.Id == row.Id) ?? system.AddComponent(row.Kind, row.Product!, row.Vendor, row.Version);
            component.SetIdentifiers(row.Purl, row.Cpe);
            component.Update(row.Kind, row.Product!, row.Vendor, row.Version);
            component.EndOfLife = row.EndOfLife;
            component.LastPatched = row.LastPatched;
            component.Notes = Trimmed(row.Notes);
        }
    }

    private static bool SameUrl(string? a, string? b) => string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public sealed class SystemInputValidator : AbstractValidator<SystemInput>
{
    public SystemInputValidator(PortalDbContext db, TimeProvider clock)
    {
        RuleFor(x => x.Code).NotEmpty().WithMessage("Vui lòng nhập mã hệ thống.")
            .MaximumLength(InformationSystem.CodeMaxLength).WithMessage($"Mã hệ thống không được dài quá {InformationSystem.CodeMaxLength} ký tự.")
            .Matches("^[A-Za-z0-9][A-Za-z0-9._-]*$").WithMessage("Mã hệ thống chỉ gồm chữ không dấu, chữ số và các dấu . _ - (ví dụ: SYT-CTTDT).");
        RuleFor(x => x.Name).NotEmpty().WithMessage("Vui lòng nhập tên hệ thống.")
            .MaximumLength(InformationSystem.NameMaxLength).WithMessage($"Tên hệ thống không được dài quá {InformationSystem.NameMaxLength} ký tự.");
        RuleFor(x => x.Description).MaximumLength(InformationSystem.DescriptionMaxLength)
            .WithMessage($"Mô tả không được dài quá {InformationSystem.DescriptionMaxLength} ký tự.");
        RuleFor(x => x.OwnerAgencyId).NotNull().WithMessage("Vui lòng chọn cơ quan chủ quản.")
            .MustAsync((id, ct) => ActiveAgencyAsync(db, id, ct)).WithMessage("Cơ quan chủ quản không tồn tại hoặc đã ngừng hoạt động.");
        RuleFor(x => x.OperatorAgencyId).NotNull().WithMessage("Vui lòng chọn đơn vị vận hành.")
            .MustAsync((id, ct) => ActiveAgencyAsync(db, id, ct)).WithMessage("Đơn vị vận hành không tồn tại hoặc đã ngừng hoạt động.");
        RuleFor(x => x.FunctionKind).IsInEnum().WithMessage("Loại hệ thống không hợp lệ.");
        RuleFor(x => x.InformationTypes).NotEmpty().WithMessage("Chọn ít nhất một loại thông tin mà hệ thống xử lý.");
        RuleForEach(x => x.InformationTypes).IsInEnum().WithMessage("Loại thông tin không hợp lệ.");
        RuleFor(x => x.UserCount).GreaterThanOrEqualTo(0).WithMessage("Số người sử dụng không được âm.");
        RuleFor(x => x.BasicPersonalDataSubjects).GreaterThanOrEqualTo(0).WithMessage("Số chủ thể dữ liệu không được âm.");
        RuleFor(x => x.SensitivePersonalDataSubjects).GreaterThanOrEqualTo(0).WithMessage("Số chủ thể dữ liệu không được âm.");
        RuleFor(x => x.OnlineServiceLevel).InclusiveBetween(1, 4).WithMessage("Mức độ dịch vụ công trực tuyến là từ 1 đến 4.");
        RuleFor(x => x.IndustrialControlClass).NotNull().When(x => x.FunctionKind == SystemFunctionKind.IndustrialControl)
            .WithMessage("Hệ thống điều khiển công nghiệp cần khai báo cấp công trình.");
        RuleFor(x => x.HostingProvider).NotEmpty().When(x => x.Hosting is HostingModel.Cloud or HostingModel.LeasedDataCentre)
            .WithMessage("Vui lòng nhập nhà cung cấp dịch vụ thuê ngoài hoặc điện toán đám mây.")
            .MaximumLength(200).WithMessage("Tên nhà cung cấp không được dài quá 200 ký tự.");
        RuleFor(x => x.GoLiveDate).Must(d => d is null || d <= Domain.Common.VietnamTime.Today(clock))
            .When(x => x.Lifecycle is LifecycleStatus.Operating or LifecycleStatus.Suspended or LifecycleStatus.Decommissioned)
            .WithMessage("Ngày đưa vào sử dụng của hệ thống đang vận hành không thể ở tương lai.");
        RuleFor(x => x.TechnicalContactName).MaximumLength(200).WithMessage("Họ tên không được dài quá 200 ký tự.");
        RuleFor(x => x.TechnicalContactPhone).MaximumLength(30).WithMessage("Số điện thoại không được dài quá 30 ký tự.")
            .Matches(@"^[0-9+()\s.-]*$").WithMessage("Số điện thoại chỉ gồm chữ số và các dấu + ( ) . -");
        RuleFor(x => x.TechnicalContactEmail).MaximumLength(256).WithMessage("Thư điện tử không được dài quá 256 ký tự.");
        RuleFor(x => x.TechnicalContactEmail).EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.TechnicalContactEmail)).WithMessage("Thư điện tử không đúng định dạng.");
        RuleForEach(x => x.Endpoints).ChildRules(row =>
        {
            row.RuleFor(r => r.Url).Must(SystemEndpoint.IsValidUrl).When(r => !r.IsBlank)
                .WithMessage("Địa chỉ phải là URL đầy đủ bắt đầu bằng http:// hoặc https:// (ví dụ: https://syt.songlam.gov.vn).")
                .MaximumLength(SystemEndpoint.UrlMaxLength).WithMessage($"Địa chỉ không được dài quá {SystemEndpoint.UrlMaxLength} ký tự.");
        });
        RuleFor(x => x.Endpoints)
            .Must(rows => rows.Where(r => !r.IsBlank).GroupBy(r => r.Url!.Trim(), StringComparer.OrdinalIgnoreCase).All(g => g.Count() == 1))
            .WithMessage("Một địa chỉ chỉ được khai báo một lần cho mỗi hệ thống.");
        RuleFor(x => x.Components).Must(rows => rows.Count(r => !r.IsBlank) <= SoftwareComponents.MaxPerSystem)
            .WithMessage($"Một hệ thống khai báo tối đa {SoftwareComponents.MaxPerSystem} thành phần phần mềm.");
        RuleForEach(x => x.Components).ChildRules(row =>
        {
            row.RuleFor(r => r.Product).NotEmpty().When(r => !r.IsBlank).WithMessage("Vui lòng nhập tên sản phẩm.")
                .MaximumLength(SoftwareComponent.ProductMaxLength).WithMessage($"Tên sản phẩm không được dài quá {SoftwareComponent.ProductMaxLength} ký tự.");
            row.RuleFor(r => r.Vendor).MaximumLength(SoftwareComponent.VendorMaxLength).WithMessage($"Tên nhà cung cấp không được dài quá {SoftwareComponent.VendorMaxLength} ký tự.");
            row.RuleFor(r => r.Version).MaximumLength(SoftwareComponent.VersionMaxLength).WithMessage($"Phiên bản không được dài quá {SoftwareComponent.VersionMaxLength} ký tự.");
            row.RuleFor(r => r.Kind).IsInEnum().WithMessage("Loại thành phần không hợp lệ.");
            row.RuleFor(r => r.LastPatched).Must(d => d is null || d <= Domain.Common.VietnamTime.Today(clock))
                .WithMessage("Ngày vá gần nhất không thể ở tương lai.");
            row.RuleFor(r => r.Purl).Custom((purl, context) =>
            {
                if (!string.IsNullOrWhiteSpace(purl) && !PackageUrl.TryParse(purl, out _, out var error))
                {
                    context.AddFailure(error);
                }
            });
            row.RuleFor(r => r.Cpe).Custom((cpe, context) =>
            {
                if (!string.IsNullOrWhiteSpace(cpe) && !CpeName.TryParse(cpe, out _, out var error))
                {
                    context.AddFailure(error);
                }
            });
            row.RuleFor(r => r.Notes).MaximumLength(SoftwareComponent.NotesMaxLength).WithMessage($"Ghi chú không được dài quá {SoftwareComponent.NotesMaxLength} ký tự.");
        });
    }

    private static async Task<bool> ActiveAgencyAsync(PortalDbContext db, Guid? id, CancellationToken cancellationToken) =>
        id is null || await db.Agencies.AnyAsync(a => a.Id == id && a.IsActive, cancellationToken);
}

public static class SystemFormOptions
{
    /// <summary>An officer may register or keep a system only if their agency owns or operates it.</summary>
    public static bool OfficerMayHold(ClaimsPrincipal user, SystemInput input) => user.MayHoldSystem(input.OwnerAgencyId, input.OperatorAgencyId);

    public const string OfficerScopeMessage = "Cán bộ đơn vị chỉ đăng ký, sửa hệ thống mà đơn vị mình là chủ quản hoặc đơn vị vận hành.";

    public static string CodeTakenMessage(string code) => $"Mã hệ thống {code.Trim().ToUpperInvariant()} đã được sử dụng. Hãy chọn mã khác.";

    public const string ForeignAgencyMessage = "Chỉ cán bộ thẩm định mới chuyển được hệ thống khỏi một cơ quan khác hoặc sang một cơ quan khác.";

    /// <summary>
    /// The checks that need the user and the database: the officer's scope and a unique code. They run even
    /// when the validator found errors, so the user sees every problem at once. On an existing system an
    /// officer may change only a role (owner, operator) that their own agency holds now — never take a system
    /// away from another agency, nor hand one to it.
    /// </summary>
    public static async Task<bool> CheckScopeAndCodeAsync(
        ModelStateDictionary modelState, PortalDbContext db, ClaimsPrincipal user, SystemInput input, InformationSystem? existing, CancellationToken cancellationToken)
    {
        if (!OfficerMayHold(user, input))
        {
            modelState.AddModelError("Input.OwnerAgencyId", OfficerScopeMessage);
        }
        else if (!user.ManagesAgencies() && user.OfficerAgencyId() is { } own)
        {
            // An officer names only their own agency or one above it, and never changes a role another agency holds.
            var allowed = await AgencyChoices.AllowedForOfficerAsync(db, user, cancellationToken);
            void Check(string field, Guid? chosen, Guid? current)
            {
                if (chosen != current && ((current is { } held && held != own) || (chosen is { } id && !allowed.Contains(id))))
                {
                    modelState.AddModelError(field, ForeignAgencyMessage);
                }
            }

            Check("Input.OwnerAgencyId", input.OwnerAgencyId, existing?.OwnerAgencyId);
            Check("Input.OperatorAgencyId", input.OperatorAgencyId, existing?.OperatorAgencyId);
        }

        var existingId = existing?.Id;

        var code = input.Code?.Trim().ToUpperInvariant() ?? string.Empty;
        if (code.Length > 0 && await db.InformationSystems.AnyAsync(s => s.Code == code && s.Id != existingId, cancellationToken))
        {
            modelState.AddModelError("Input.Code", CodeTakenMessage(code));
        }

        return modelState.IsValid;
    }
}
