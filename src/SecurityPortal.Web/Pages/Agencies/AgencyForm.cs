using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Agencies;

namespace SecurityPortal.Web.Pages.Agencies;

/// <summary>The fields of the agency create and edit pages (partial _AgencyFields).</summary>
public sealed class AgencyInput
{
    [Display(Name = "Mã định danh")]
    public string Code { get; set; } = string.Empty;

    [Display(Name = "Tên đầy đủ")]
    public string Name { get; set; } = string.Empty;

    [Display(Name = "Tên viết tắt")]
    public string? ShortName { get; set; }

    [Display(Name = "Loại")]
    public AgencyKind Kind { get; set; } = AgencyKind.Department;

    [Display(Name = "Trực thuộc")]
    public Guid? ParentId { get; set; }

    [Display(Name = "Người đứng đầu")]
    public string? HeadName { get; set; }

    [Display(Name = "Chức vụ người đứng đầu")]
    public string? HeadTitle { get; set; }

    [Display(Name = "Cán bộ phụ trách CNTT")]
    public string? ItContactName { get; set; }

    [Display(Name = "Điện thoại cán bộ CNTT")]
    public string? ItContactPhone { get; set; }

    [Display(Name = "Thư điện tử cán bộ CNTT")]
    public string? ItContactEmail { get; set; }

    [Display(Name = "Địa chỉ")]
    public string? Address { get; set; }

    [Display(Name = "Điện thoại của cơ quan")]
    public string? Phone { get; set; }

    [Display(Name = "Thư điện tử của cơ quan")]
    public string? Email { get; set; }

    [Display(Name = "Văn bản quy định chức năng, nhiệm vụ, quyền hạn")]
    public string? Mandate { get; set; }

    [Display(Name = "Đơn vị chuyên trách về an ninh mạng")]
    public Guid? SecurityUnitId { get; set; }

    public static AgencyInput From(Agency agency) => new()
    {
        Code = agency.Code, Name = agency.Name, ShortName = agency.ShortName, Kind = agency.Kind, ParentId = agency.ParentId,
        HeadName = agency.HeadName, HeadTitle = agency.HeadTitle, ItContactName = agency.ItContactName,
        ItContactPhone = agency.ItContactPhone, ItContactEmail = agency.ItContactEmail, Address = agency.Address,
        Phone = agency.Phone, Email = agency.Email, Mandate = agency.Mandate, SecurityUnitId = agency.SecurityUnitId,
    };

    /// <summary>Copies the input onto the agency; moving it checks the tree for cycles.</summary>
    public void ApplyTo(Agency agency, IReadOnlyDictionary<Guid, Guid?> parentOf)
    {
        agency.ShortName = Trimmed(ShortName);
        agency.Rename(Name);
        agency.Kind = Kind;
        agency.MoveTo(ParentId, parentOf);
        agency.HeadName = Trimmed(HeadName);
        agency.HeadTitle = Trimmed(HeadTitle);
        agency.ItContactName = Trimmed(ItContactName);
        agency.ItContactPhone = Trimmed(ItContactPhone);
        agency.ItContactEmail = Trimmed(ItContactEmail);
        agency.Address = Trimmed(Address);
        agency.Phone = Trimmed(Phone);
        agency.Email = Trimmed(Email);
        agency.Mandate = Trimmed(Mandate);
        agency.SecurityUnitId = SecurityUnitId;
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public sealed class AgencyInputValidator : AbstractValidator<AgencyInput>
{
    public AgencyInputValidator(PortalDbContext db)
    {
        RuleFor(x => x.Code).NotEmpty().WithMessage("Vui lòng nhập mã định danh.")
            .MaximumLength(Agency.CodeMaxLength).WithMessage($"Mã định danh không được dài quá {Agency.CodeMaxLength} ký tự.")
            .Matches("^[A-Za-z0-9][A-Za-z0-9.-]*$").WithMessage("Mã định danh chỉ gồm chữ không dấu, chữ số, dấu chấm và gạch ngang (ví dụ: H40.01 hoặc SL-SYT).");
        RuleFor(x => x.Name).NotEmpty().WithMessage("Vui lòng nhập tên cơ quan, đơn vị.")
            .MaximumLength(Agency.NameMaxLength).WithMessage($"Tên không được dài quá {Agency.NameMaxLength} ký tự.");
        RuleFor(x => x.ShortName).MaximumLength(100).WithMessage("Tên viết tắt không được dài quá 100 ký tự.");
        RuleFor(x => x.Kind).IsInEnum().WithMessage("Loại cơ quan không hợp lệ.");
        RuleFor(x => x.ParentId)
            .MustAsync(async (id, ct) => id is null || await db.Agencies.AnyAsync(a => a.Id == id && a.IsActive, ct))
            .WithMessage("Cơ quan cấp trên không tồn tại hoặc đã ngừng hoạt động.");
        RuleFor(x => x.HeadName).MaximumLength(200).WithMessage("Họ tên không được dài quá 200 ký tự.");
        RuleFor(x => x.HeadTitle).MaximumLength(200).WithMessage("Chức vụ không được dài quá 200 ký tự.");
        RuleFor(x => x.ItContactName).MaximumLength(200).WithMessage("Họ tên không được dài quá 200 ký tự.");
        RuleFor(x => x.ItContactPhone).MaximumLength(30).WithMessage("Số điện thoại không được dài quá 30 ký tự.")
            .Matches(@"^[0-9+()\s.-]*$").WithMessage("Số điện thoại chỉ gồm chữ số và các dấu + ( ) . -");
        RuleFor(x => x.ItContactEmail).MaximumLength(256).WithMessage("Thư điện tử không được dài quá 256 ký tự.");
        RuleFor(x => x.ItContactEmail).EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.ItContactEmail)).WithMessage("Thư điện tử không đúng định dạng.");
        RuleFor(x => x.Address).MaximumLength(500).WithMessage("Địa chỉ không được dài quá 500 ký tự.");
        RuleFor(x => x.Phone).MaximumLength(30).WithMessage("Số điện thoại không được dài quá 30 ký tự.")
            .Matches(@"^[0-9+()\s.-]*$").WithMessage("Số điện thoại chỉ gồm chữ số và các dấu + ( ) . -");
        RuleFor(x => x.Email).MaximumLength(256).WithMessage("Thư điện tử không được dài quá 256 ký tự.");
        RuleFor(x => x.Email).EmailAddress().When(x => !string.IsNullOrWhiteSpace(x.Email)).WithMessage("Thư điện tử không đúng định dạng.");
        RuleFor(x => x.Mandate).MaximumLength(500).WithMessage("Văn bản quy định chức năng, nhiệm vụ không được dài quá 500 ký tự.");
        RuleFor(x => x.SecurityUnitId)
            .MustAsync(async (id, ct) => id is null || await db.Agencies.AnyAsync(a => a.Id == id && a.IsActive, ct))
            .WithMessage("Đơn vị chuyên trách về an ninh mạng không tồn tại hoặc đã ngừng hoạt động.");
    }
}

public static class AgencyForm
{
    public static string CodeTakenMessage(string code) => $"Mã định danh {code.Trim().ToUpperInvariant()} đã được dùng cho cơ quan khác.";

    public static async Task<bool> CodeIsFreeAsync(PortalDbContext db, string code, CancellationToken cancellationToken)
    {
        var normalized = code.Trim().ToUpperInvariant();
        return !await db.Agencies.AnyAsync(a => a.Code == normalized, cancellationToken);
    }
}
