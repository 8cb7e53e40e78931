using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Data.Identity;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Web.Pages.Admin.Users;

/// <summary>The account fields shared by the create and edit pages (partial _UserFields).</summary>
public class UserFields
{
    [Display(Name = "Họ và tên")]
    public string FullName { get; set; } = string.Empty;

    [Display(Name = "Thư điện tử (tên đăng nhập)")]
    public string Email { get; set; } = string.Empty;

    [Display(Name = "Cơ quan, đơn vị")]
    public Guid? AgencyId { get; set; }

    [Display(Name = "Chức vụ")]
    public string? Position { get; set; }

    [Display(Name = "Vai trò")]
    public List<string> Roles { get; set; } = [];

    [Display(Name = "Bắt buộc xác thực hai yếu tố")]
    public bool RequireTwoFactor { get; set; }

    public void CopyTo(PortalUser user)
    {
        user.FullName = FullName.Trim();
        user.Email = Email.Trim();
        user.UserName = Email.Trim();
        user.AgencyId = AgencyId;
        user.Position = string.IsNullOrWhiteSpace(Position) ? null : Position.Trim();
        user.RequireTwoFactor = RequireTwoFactor;
    }
}

public sealed class UserFieldsValidator : AbstractValidator<UserFields>
{
    public UserFieldsValidator(PortalDbContext db)
    {
        RuleFor(x => x.FullName).NotEmpty().WithMessage("Vui lòng nhập họ và tên.")
            .MaximumLength(PortalUser.FullNameMaxLength).WithMessage($"Họ và tên không được dài quá {PortalUser.FullNameMaxLength} ký tự.");
        RuleFor(x => x.Email).NotEmpty().WithMessage("Vui lòng nhập thư điện tử.")
            .MaximumLength(256).WithMessage("Thư điện tử không được dài quá 256 ký tự.")
            .EmailAddress().WithMessage("Thư điện tử không đúng định dạng (ví dụ: ten@coquan.gov.vn).");
        RuleFor(x => x.Position).MaximumLength(200).WithMessage("Chức vụ không được dài quá 200 ký tự.");
        RuleFor(x => x.Roles).NotEmpty().WithMessage("Chọn ít nhất một vai trò.")
            .Must(r => r.All(PortalRoles.All.Contains)).WithMessage("Vai trò không hợp lệ.");
        RuleFor(x => x.AgencyId).NotNull().When(x => x.Roles.Contains(PortalRoles.AgencyOfficer))
            .WithMessage("Cán bộ của đơn vị phải thuộc một cơ quan, đơn vị.");
        RuleFor(x => x.AgencyId)
            .MustAsync(async (id, ct) => id is null || await db.Agencies.AnyAsync(a => a.Id == id && a.IsActive, ct))
            .WithMessage("Cơ quan, đơn vị không tồn tại hoặc đã ngừng hoạt động.");
    }
}
