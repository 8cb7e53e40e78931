using SecurityPortal.Data;
using SecurityPortal.Data.Imports;
using SecurityPortal.Web.Imports;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Imports;

/// <summary>What agency and system imports share: one code path for preview and confirmation.</summary>
public static class RegistryImport
{
    /// <summary>
    /// The preview runs the whole import on tracked entities and then discards them; the confirmation runs the
    /// same code and saves once — a single transaction, so the import is all or nothing.
    /// </summary>
    public static async Task FinishAsync(PortalDbContext db, ImportOutcome outcome, bool apply, CancellationToken cancellationToken)
    {
        if (apply && outcome.CanApply)
        {
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        db.ChangeTracker.Clear();
    }

    public static Task<ImportOutcome> RunAsync(PortalDbContext db, ImportKind kind, byte[] content, TimeProvider clock, bool apply, CancellationToken cancellationToken)
    {
        IReadOnlyList<Spreadsheet.Sheet> sheets;
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            sheets = Spreadsheet.Read(stream, kind == ImportKind.Agencies ? AgencyImport.Sheets : SystemImport.Sheets);
        }
        catch (Spreadsheet.LimitException ex)
        {
            var tooLarge = new ImportOutcome();
            tooLarge.Issues.Add(new ImportIssue("(tệp)", 0, string.Empty, ex.Message));
            return Task.FromResult(tooLarge);
        }
        catch (InvalidDataException)
        {
            var unreadable = new ImportOutcome();
            unreadable.Issues.Add(new ImportIssue("(tệp)", 0, string.Empty, "tệp không phải bảng tính Excel (.xlsx) đọc được. Hãy lưu lại bằng Excel dưới dạng .xlsx, hoặc dùng tệp mẫu."));
            return Task.FromResult(unreadable);
        }

        return kind == ImportKind.Agencies
            ? AgencyImport.RunAsync(db, sheets, apply, cancellationToken)
            : SystemImport.RunAsync(db, sheets, Domain.Common.VietnamTime.Today(clock), apply, cancellationToken);
    }
}
