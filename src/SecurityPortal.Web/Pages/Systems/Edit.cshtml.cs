using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Registry;

namespace SecurityPortal.Web.Pages.Systems;

public sealed class EditModel(PortalDbContext db, ILogger<EditModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public SystemInput Input { get; set; } = new();

    /// <summary>The version the user started from; a save against a newer version is refused.</summary>
    [BindProperty]
    public Guid ConcurrencyStamp { get; set; }

    public List<SelectListItem> Agencies { get; private set; } = [];
    public List<string> Conflicts { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var system = await LoadAsync(cancellationToken);
        if (system is null)
        {
            return NotFound();
        }

        if (!User.CanEdit(system))
        {
            return Forbid();
        }

        Input = SystemInput.From(system).WithBlankRows();
        ConcurrencyStamp = system.ConcurrencyStamp;
        Agencies = await AgencyChoices.ForSystemAsync(db, User, [system.OwnerAgencyId, system.OperatorAgencyId], cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAddRowsAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } system || !User.CanEdit(system))
        {
            return NotFound();
        }

        ModelState.Clear();
        Input.WithBlankRows();
        Agencies = await AgencyChoices.ForSystemAsync(db, User, [system.OwnerAgencyId, system.OperatorAgencyId], cancellationToken);
        return Page();
    }

    /// <summary>«Đề xuất purl/CPE»: fills the blank identifiers of the rows (existing components too) and shows the form again; nothing is saved.</summary>
    public async Task<IActionResult> OnPostProposeAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } system || !User.CanEdit(system))
        {
            return NotFound();
        }

        ModelState.Clear();
        Input.ProposeIdentifiers();
        Agencies = await AgencyChoices.ForSystemAsync(db, User, [system.OwnerAgencyId, system.OperatorAgencyId], cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromServices] IValidator<SystemInput> validator, CancellationToken cancellationToken)
    {
        var system = await LoadAsync(cancellationToken);
        if (system is null)
        {
            return NotFound();
        }

        if (!User.CanEdit(system))
        {
            return Forbid();
        }

        Agencies = await AgencyChoices.ForSystemAsync(db, User, [system.OwnerAgencyId, system.OperatorAgencyId], cancellationToken);
        var valid = await ModelState.ValidateInputAsync(validator, Input, cancellationToken);
        if (!await SystemFormOptions.CheckScopeAndCodeAsync(ModelState, db, User, Input, system, cancellationToken) || !valid)
        {
            Input.WithBlankRows();
            return Page();
        }

        if (system.ConcurrencyStamp != ConcurrencyStamp)
        {
            return Conflict(system);
        }

        try
        {
            Input.ApplyTo(system);
            db.Entry(system).Property(s => s.ConcurrencyStamp).OriginalValue = ConcurrencyStamp;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            Input.WithBlankRows();
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Conflict(await LoadAsync(cancellationToken) ?? system);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            ModelState.AddModelError("Input.Code", SystemFormOptions.CodeTakenMessage(Input.Code));
            Input.WithBlankRows();
            return Page();
        }

        logger.LogInformation("System {SystemId} updated", system.Id);
        TempData.Success("Đã lưu thay đổi.");
        return RedirectToPage("./Details", new { id = system.Id });
    }

    /// <summary>Keeps what the user typed, shows what is different in the database, and arms the form with the new version.</summary>
    private PageResult Conflict(InformationSystem current)
    {
        var theirs = SystemInput.From(current);
        void Compare(string label, object? mine, object? stored)
        {
            if (!Equals(mine, stored))
            {
                Conflicts.Add($"{label}: {stored ?? "(trống)"}");
            }
        }

        Compare("Mã hệ thống", Input.Code.Trim().ToUpperInvariant(), theirs.Code);
        Compare("Tên hệ thống", Input.Name.Trim(), theirs.Name);
        Compare("Mô tả", string.IsNullOrWhiteSpace(Input.Description) ? null : Input.Description.Trim(), theirs.Description);
        Compare("Số người sử dụng", Input.UserCount, theirs.UserCount);
        Compare("Trạng thái", Input.Lifecycle.Vietnamese(), theirs.Lifecycle.Vietnamese());
        Compare("Hình thức lưu trữ", Input.Hosting.Vietnamese(), theirs.Hosting.Vietnamese());
        var mineComponents = string.Join("; ", Input.Components.Where(c => !c.IsBlank).Select(c => $"{c.Product} {c.Version}".Trim()));
        var storedComponents = string.Join("; ", theirs.Components.Select(c => $"{c.Product} {c.Version}".Trim()));
        Compare("Phần mềm", mineComponents, storedComponents);
        var mineUrls = string.Join("; ", Input.Endpoints.Where(e => !e.IsBlank).Select(e => e.Url!.Trim()));
        Compare("Địa chỉ", mineUrls, string.Join("; ", theirs.Endpoints.Select(e => e.Url)));
        if (Conflicts.Count == 0)
        {
            Conflicts.Add("(các mục khác)");
        }

        ConcurrencyStamp = current.ConcurrencyStamp;
        ModelState.Remove(nameof(ConcurrencyStamp));
        Input.WithBlankRows();
        return Page();
    }

    private Task<InformationSystem?> LoadAsync(CancellationToken cancellationToken) =>
        db.InformationSystems.VisibleTo(User)
            .Include(s => s.Endpoints).Include(s => s.Components)
            .AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == Id, cancellationToken);
}
