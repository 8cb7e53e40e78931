using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Imports;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Imports;

/// <summary>
/// Agencies from the template's "Cơ quan" sheet, matched by code: new codes are created, known codes updated,
/// so importing the same file twice changes nothing the second time. Parents may refer to rows of the same file.
/// </summary>
public static class AgencyImport
{
    public const string SheetName = "Cơ quan";
    public const string Code = "Mã định danh";
    public const string Name = "Tên đầy đủ";
    public const string ShortName = "Tên viết tắt";
    public const string Kind = "Loại";
    public const string Parent = "Mã cơ quan cấp trên";
    public const string Head = "Người đứng đầu";
    public const string HeadTitle = "Chức vụ người đứng đầu";
    public const string ItContact = "Cán bộ phụ trách CNTT";
    public const string ItPhone = "Điện thoại CNTT";
    public const string ItEmail = "Thư điện tử CNTT";
    public const string Address = "Địa chỉ";
    public const string Phone = "Điện thoại cơ quan";
    public const string Email = "Thư điện tử cơ quan";
    public const string Mandate = "Văn bản quy định chức năng, nhiệm vụ, quyền hạn";
    public const string SecurityUnit = "Mã đơn vị chuyên trách về an ninh mạng";

    public static readonly string[] Sheets = [SheetName];

    public static readonly string[] Columns = [Code, Name, ShortName, Kind, Parent, Head, HeadTitle, ItContact, ItPhone, ItEmail, Address, Phone, Email, Mandate, SecurityUnit];
    private static readonly string[] RequiredColumns = [Code, Name, Kind];

    public static byte[] Template() => Spreadsheet.Write(
    [
        (SheetName, Columns, [["SL-SNV", "Sở Nội vụ", "Sở Nội vụ", AgencyKind.Department.Vietnamese(), "SL-UBND", "Nguyễn Văn A", "Giám đốc", "Trần Thị B", "0238 3 800 000", "cntt@snv.songlam.gov.vn", "Số 2 đường Trường Thi",
            "0238 3 800 001", "snv@songlam.gov.vn", "Quyết định số 10/2025/QĐ-UBND ngày 01/03/2025 của Ủy ban nhân dân tỉnh", "SL-SNV"]]),
        ("Hướng dẫn", ["Cột", "Cách ghi"],
        [
            [Code, "Bắt buộc; chữ không dấu, số, dấu chấm, gạch ngang; tối đa 20 ký tự. Trùng mã thì cập nhật cơ quan đã có."],
            [Kind, "Một trong: " + string.Join("; ", Enum.GetValues<AgencyKind>().Select(k => k.Vietnamese()))],
            [Parent, "Mã của cơ quan cấp trên (đã có trong cổng hoặc ở một dòng khác của tệp); để trống nếu là cấp cao nhất."],
            [SecurityUnit, "Mã của cơ quan, đơn vị được giao chuyên trách về an ninh mạng khi cơ quan là chủ quản hệ thống thông tin (đã có trong cổng hoặc ở một dòng khác của tệp; có thể là chính mã của dòng); để trống nếu chưa xác định."],
        ]),
    ]);

    public static async Task<ImportOutcome> RunAsync(PortalDbContext db, IReadOnlyList<Spreadsheet.Sheet> sheets, bool apply, CancellationToken cancellationToken)
    {
        var outcome = new ImportOutcome();
        var sheet = ImportSheet.Open(sheets, SheetName, required: true, RequiredColumns, outcome.Issues);
        if (outcome.Issues.Count > 0)
        {
            return outcome;
        }

        var existing = await db.Agencies.ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, cancellationToken);
        var parentOf = existing.Values.ToDictionary(a => a.Id, a => a.ParentId);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var pendingParents = new List<(Agency Agency, string ParentCode, string UnitCode, ImportSheet.SheetRow Row)>();

        foreach (var row in sheet.Rows)
        {
            var code = row.Text(Code, Agency.CodeMaxLength, required: true)?.ToUpperInvariant();
            var name = row.Text(Name, Agency.NameMaxLength, required: true);
            var kind = row.Choice<AgencyKind>(Kind, k => k.Vietnamese(), required: true);
            var shortName = row.Text(ShortName, 100);
            var parentCode = row.Text(Parent, Agency.CodeMaxLength)?.ToUpperInvariant();
            var head = row.Text(Head, 200);
            var headTitle = row.Text(HeadTitle, 200);
            var itContact = row.Text(ItContact, 200);
            var itPhone = row.Text(ItPhone, 30);
            var itEmail = row.Text(ItEmail, 256);
            var address = row.Text(Address, 500);
            var phone = row.Text(Phone, 30);
            var email = row.Text(Email, 256);
            var mandate = row.Text(Mandate, 500);
            var unitCode = row.Text(SecurityUnit, Agency.CodeMaxLength)?.ToUpperInvariant();
            if (code is not null && !System.Text.RegularExpressions.Regex.IsMatch(code, "^[A-Z0-9][A-Z0-9.-]*$"))
            {
                row.Issue(Code, $"'{code}' chỉ được gồm chữ không dấu, chữ số, dấu chấm và gạch ngang.");
                code = null;
            }

            if (itEmail is not null && !System.Net.Mail.MailAddress.TryCreate(itEmail, out _))
            {
                row.Issue(ItEmail, $"'{itEmail}' không phải thư điện tử hợp lệ.");
            }

            if (email is not null && !System.Net.Mail.MailAddress.TryCreate(email, out _))
            {
                row.Issue(Email, $"'{email}' không phải thư điện tử hợp lệ.");
            }

            if (phone is not null && !System.Text.RegularExpressions.Regex.IsMatch(phone, @"^[0-9+()\s.-]*$"))
            {
                row.Issue(Phone, $"'{phone}' chỉ được gồm chữ số và các dấu + ( ) . -");
            }

            if (code is not null && !seen.TryAdd(code, row.Number))
            {
                row.Issue(Code, $"mã {code} đã xuất hiện ở dòng {seen[code]}.");
                continue;
            }

            if (code is null || name is null || kind is null)
            {
                continue;
            }

            var isNew = !existing.TryGetValue(code, out var agency);
            if (agency is null)
            {
                agency = new Agency(code, name, kind.Value);
                db.Agencies.Add(agency);
                existing[code] = agency;
                parentOf[agency.Id] = null;
            }
            else if (!agency.IsActive)
            {
                row.Issue(Code, $"cơ quan {code} đã ngừng hoạt động (sáp nhập); không cập nhật qua tệp.");
                continue;
            }

            agency.ShortName = shortName;
            agency.Rename(name);
            agency.Kind = kind.Value;
            agency.HeadName = head;
            agency.HeadTitle = headTitle;
            agency.ItContactName = itContact;
            agency.ItContactPhone = itPhone;
            agency.ItContactEmail = itEmail;
            agency.Address = address;
            agency.Phone = phone;
            agency.Email = email;
            agency.Mandate = mandate;
            pendingParents.Add((agency, parentCode ?? string.Empty, unitCode ?? string.Empty, row));
            outcome.Created += isNew ? 1 : 0;
        }

        // Parents and security units last: a row may name an agency that a later row creates.
        foreach (var (agency, parentCode, unitCode, row) in pendingParents)
        {
            if (unitCode.Length == 0)
            {
                agency.SecurityUnitId = null;
            }
            else if (existing.TryGetValue(unitCode, out var unit) && unit.IsActive)
            {
                agency.SecurityUnitId = unit.Id;
            }
            else
            {
                row.Issue(SecurityUnit, $"không có cơ quan đang hoạt động mã {unitCode} trong cổng hay trong tệp.");
            }

            Guid? parentId = null;
            if (parentCode.Length > 0)
            {
                if (!existing.TryGetValue(parentCode, out var parent))
                {
                    row.Issue(Parent, $"không có cơ quan mã {parentCode} trong cổng hay trong tệp.");
                    continue;
                }

                parentId = parent.Id;
            }

            try
            {
                agency.MoveTo(parentId, parentOf);
                parentOf[agency.Id] = parentId;
            }
            catch (DomainException ex)
            {
                row.Issue(Parent, ex.Message);
            }
        }

        outcome.Updated = db.ChangeTracker.Entries<Agency>().Count(e => e.State == EntityState.Modified && e.Properties.Any(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue)));
        outcome.Unchanged = sheet.Rows.Count - outcome.Created - outcome.Updated;
        await RegistryImport.FinishAsync(db, outcome, apply, cancellationToken);
        return outcome;
    }
}
