using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Imports;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Registry;

namespace SecurityPortal.Web.Pages.Imports;

/// <summary>
/// Systems with their URLs and software components, from three sheets, matched by system code. For every system
/// in the file, its URLs and components become exactly those of the file (components matched by product and
/// kind, so their history continues); importing the same file twice changes nothing the second time.
/// </summary>
public static class SystemImport
{
    public const string SystemsSheet = "Hệ thống";
    public const string EndpointsSheet = "Địa chỉ";
    public const string ComponentsSheet = "Phần mềm";

    public const string Code = "Mã hệ thống";
    public const string Name = "Tên hệ thống";
    public const string Description = "Mô tả";
    public const string Owner = "Mã cơ quan chủ quản";
    public const string Operator = "Mã đơn vị vận hành";
    public const string Kind = "Loại hệ thống";
    public const string Information = "Thông tin được xử lý";
    public const string Users = "Số người sử dụng";
    public const string BasicSubjects = "Số chủ thể dữ liệu cá nhân cơ bản";
    public const string SensitiveSubjects = "Số chủ thể dữ liệu cá nhân nhạy cảm";
    public const string Procedures = "Có xử lý thủ tục hành chính";
    public const string Hosting = "Hình thức lưu trữ";
    public const string Provider = "Nhà cung cấp hạ tầng";
    public const string Status = "Trạng thái";
    public const string GoLive = "Ngày đưa vào sử dụng";
    public const string WorkClass = "Cấp công trình (điều khiển công nghiệp)";
    public const string Url = "Địa chỉ (URL)";
    public const string Public = "Công khai";
    public const string ComponentKindColumn = "Loại thành phần";
    public const string Product = "Sản phẩm";
    public const string Vendor = "Nhà cung cấp";
    public const string Version = "Phiên bản";
    public const string EndOfLife = "Hết hỗ trợ";
    public const string LastPatched = "Vá gần nhất";
    public const string Notes = "Ghi chú";

    public static readonly string[] Sheets = [SystemsSheet, EndpointsSheet, ComponentsSheet];

    private static readonly string[] SystemColumns =
        [Code, Name, Description, Owner, Operator, Kind, Information, Users, BasicSubjects, SensitiveSubjects, Procedures, Hosting, Provider, Status, GoLive, WorkClass];
    private static readonly string[] SystemRequired = [Code, Name, Owner, Operator, Kind, Information];
    private static readonly string[] EndpointColumns = [Code, Url, Public];
    private static readonly string[] ComponentColumns = [Code, ComponentKindColumn, Product, Vendor, Version, EndOfLife, LastPatched, Notes];

    public static byte[] Template() => Spreadsheet.Write(
    [
        (SystemsSheet, SystemColumns,
        [[
            "SYT-CTTDT", "Trang thông tin điện tử Sở Y tế", "Cung cấp thông tin cho người dân", "SL-SYT", "SL-SYT",
            SystemFunctionKind.CitizenBusinessService.Vietnamese(), "Công cộng", 500, null, null, "Không",
            HostingModel.ProvincialDataCentre.Vietnamese(), null, LifecycleStatus.Operating.Vietnamese(), "01/06/2020", null,
        ]]),
        (EndpointsSheet, EndpointColumns, [["SYT-CTTDT", "https://syt.songlam.gov.vn", "Có"]]),
        (ComponentsSheet, ComponentColumns,
        [
            ["SYT-CTTDT", ComponentKind.Cms.Vietnamese(), "WordPress", "WordPress.org", "6.4.3", null, "15/10/2026", null],
            ["SYT-CTTDT", ComponentKind.WebServer.Vietnamese(), "nginx", "F5", "1.24.0", null, "15/10/2026", null],
        ]),
        ("Hướng dẫn", ["Cột", "Cách ghi"],
        [
            [Kind, string.Join("; ", Enum.GetValues<SystemFunctionKind>().Select(k => k.Vietnamese()))],
            [Information, "Một hoặc nhiều, cách nhau bằng dấu phẩy: Công cộng, Riêng, Cá nhân, Bí mật nhà nước"],
            [Hosting, string.Join("; ", Enum.GetValues<HostingModel>().Select(k => k.Vietnamese()))],
            [Status, string.Join("; ", Enum.GetValues<LifecycleStatus>().Select(k => k.Vietnamese()))],
            [WorkClass, "Chỉ cho hệ thống điều khiển công nghiệp: " + string.Join("; ", Enum.GetValues<ConstructionWorkClass>().Select(k => k.Vietnamese()))],
            [ComponentKindColumn, string.Join("; ", Enum.GetValues<ComponentKind>().Select(k => k.Vietnamese()))],
            ["Ngày", "dd/MM/yyyy, ví dụ 15/10/2026"],
            ["Trang «Địa chỉ», «Phần mềm»", "Với mỗi hệ thống có trong tệp, danh sách địa chỉ và phần mềm sẽ được thay bằng danh sách trong tệp."],
        ]),
    ]);

    public static async Task<ImportOutcome> RunAsync(
        PortalDbContext db, IReadOnlyList<Spreadsheet.Sheet> sheets, DateOnly today, bool apply, CancellationToken cancellationToken)
    {
        var outcome = new ImportOutcome();
        var systemsSheet = ImportSheet.Open(sheets, SystemsSheet, required: true, SystemRequired, outcome.Issues);
        var endpointsSheet = ImportSheet.Open(sheets, EndpointsSheet, required: false, [Code, Url], outcome.Issues);
        var componentsSheet = ImportSheet.Open(sheets, ComponentsSheet, required: false, [Code, ComponentKindColumn, Product], outcome.Issues);
        if (outcome.Issues.Count > 0)
        {
            return outcome;
        }

        var agencies = await db.Agencies.AsNoTracking().Select(a => new { a.Code, a.Id, a.IsActive })
            .ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, cancellationToken);
        // A first look at the codes loads the systems that already exist; the cells are checked (and their
        // problems reported) once, in the main pass below.
        var codes = systemsSheet.Rows.Select(r => r.Text(Code, InformationSystem.CodeMaxLength)?.ToUpperInvariant()).OfType<string>().Distinct().ToList();
        outcome.Issues.Clear();
        var existing = await db.InformationSystems.Include(s => s.Endpoints).Include(s => s.Components).AsSplitQuery()
            .Where(s => codes.Contains(s.Code))
            .ToDictionaryAsync(s => s.Code, StringComparer.Ordinal, cancellationToken);
        var inFile = new Dictionary<string, InformationSystem>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);

        Guid? AgencyOf(ImportSheet.SheetRow row, string column)
        {
            var code = row.Text(column, 20, required: true)?.ToUpperInvariant();
            if (code is null)
            {
                return null;
            }

            if (!agencies.TryGetValue(code, out var agency))
            {
                row.Issue(column, $"không có cơ quan mã {code}. Hãy nhập danh sách cơ quan trước.");
                return null;
            }

            if (!agency.IsActive)
            {
                row.Issue(column, $"cơ quan {code} đã ngừng hoạt động.");
                return null;
            }

            return agency.Id;
        }

        foreach (var row in systemsSheet.Rows)
        {
            var code = row.Text(Code, InformationSystem.CodeMaxLength, required: true)?.ToUpperInvariant();
            var name = row.Text(Name, InformationSystem.NameMaxLength, required: true);
            var description = row.Text(Description, InformationSystem.DescriptionMaxLength);
            var owner = AgencyOf(row, Owner);
            var operatorId = AgencyOf(row, Operator);
            var kind = row.Choice<SystemFunctionKind>(Kind, k => k.Vietnamese(), required: true);
            var information = InformationOf(row);
            var users = row.WholeNumber(Users);
            var basic = row.WholeNumber(BasicSubjects);
            var sensitive = row.WholeNumber(SensitiveSubjects);
            var procedures = row.YesNo(Procedures);
            var hosting = row.Choice<HostingModel>(Hosting, k => k.Vietnamese());
            var provider = row.Text(Provider, 200);
            var status = row.Choice<LifecycleStatus>(Status, k => k.Vietnamese());
            var goLive = row.Date(GoLive);
            var workClass = row.Choice<ConstructionWorkClass>(WorkClass, k => k.Vietnamese());
            if (code is not null && !System.Text.RegularExpressions.Regex.IsMatch(code, "^[A-Z0-9][A-Z0-9._-]*$"))
            {
                row.Issue(Code, $"'{code}' chỉ được gồm chữ không dấu, chữ số và các dấu . _ -");
                code = null;
            }

            if (goLive > today)
            {
                row.Issue(GoLive, "ngày đưa vào sử dụng không thể ở tương lai.");
            }

            if ((hosting is HostingModel.Cloud or HostingModel.LeasedDataCentre) && provider is null)
            {
                row.Issue(Provider, "cần ghi nhà cung cấp khi thuê trung tâm dữ liệu hoặc dùng điện toán đám mây.");
            }

            if (kind == SystemFunctionKind.IndustrialControl && workClass is null)
            {
                row.Issue(WorkClass, "hệ thống điều khiển công nghiệp cần khai báo cấp công trình.");
            }

            if (code is not null && !seen.TryAdd(code, row.Number))
            {
                row.Issue(Code, $"mã {code} đã xuất hiện ở dòng {seen[code]}.");
                continue;
            }

            if (code is null || name is null || owner is null || operatorId is null || kind is null || information is null)
            {
                continue;
            }

            if (!existing.TryGetValue(code, out var system))
            {
                system = new InformationSystem(code, name, owner.Value, operatorId.Value);
                db.InformationSystems.Add(system);
                outcome.Created++;
            }

            system.SetIdentity(code, name, description);
            system.OwnerAgencyId = owner.Value;
            system.OperatorAgencyId = operatorId.Value;
            system.FunctionKind = kind.Value;
            system.InformationTypes = information.Value;
            system.UserCount = users;
            system.BasicPersonalDataSubjects = basic;
            system.SensitivePersonalDataSubjects = sensitive;
            system.HandlesAdministrativeProcedures = procedures ?? system.HandlesAdministrativeProcedures;
            system.Hosting = hosting ?? system.Hosting;
            system.HostingProvider = provider;
            system.ChangeLifecycle(status ?? system.Lifecycle, goLive ?? system.GoLiveDate);
            system.IndustrialControlClass = kind == SystemFunctionKind.IndustrialControl ? workClass : null;
            inFile[code] = system;
        }

        ApplyEndpoints(endpointsSheet, inFile, outcome);
        ApplyComponents(componentsSheet, inFile, today, outcome);

        var changed = ChangedSystems(db);
        outcome.Updated = inFile.Values.Count(s => existing.ContainsKey(s.Code) && changed.Contains(s.Id));
        outcome.Unchanged = inFile.Count - outcome.Created - outcome.Updated;
        outcome.Details.Add($"{endpointsSheet.Rows.Count} địa chỉ, {componentsSheet.Rows.Count} thành phần phần mềm trong tệp.");
        await RegistryImport.FinishAsync(db, outcome, apply, cancellationToken);
        return outcome;
    }

    private static InformationTypes? InformationOf(ImportSheet.SheetRow row)
    {
        var text = row.Text(Information, 200, required: true);
        if (text is null)
        {
            return null;
        }

        var result = InformationTypes.None;
        foreach (var part in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var match = Enum.GetValues<InformationTypes>().Where(t => t != InformationTypes.None)
                .FirstOrDefault(t => SearchText.Normalize(t.Vietnamese()) == SearchText.Normalize(part));
            if (match == InformationTypes.None)
            {
                row.Issue(Information, $"'{part}' không hợp lệ. Giá trị cho phép: Công cộng, Riêng, Cá nhân, Bí mật nhà nước.");
                return null;
            }

            result |= match;
        }

        return result;
    }

    private static void ApplyEndpoints(ImportSheet sheet, Dictionary<string, InformationSystem> systems, ImportOutcome outcome)
    {
        if (!sheet.Exists)
        {
            // No «Địa chỉ» sheet: the systems' URLs stay as they are.
            return;
        }

        var wanted = new Dictionary<string, List<(string Url, bool IsPublic)>>(StringComparer.Ordinal);
        foreach (var row in sheet.Rows)
        {
            var code = row.Text(Code, InformationSystem.CodeMaxLength, required: true)?.ToUpperInvariant();
            var url = row.Text(Url, SystemEndpoint.UrlMaxLength, required: true);
            var isPublic = row.YesNo(Public) ?? true;
            if (code is null || url is null)
            {
                continue;
            }

            if (!systems.ContainsKey(code))
            {
                row.Issue(Code, $"không có hệ thống mã {code} ở trang «{SystemsSheet}» (hoặc dòng đó có lỗi).");
                continue;
            }

            if (!SystemEndpoint.IsValidUrl(url))
            {
                row.Issue(Url, $"'{url}' không phải địa chỉ http:// hoặc https:// đầy đủ.");
                continue;
            }

            var list = wanted.TryGetValue(code, out var l) ? l : wanted[code] = [];
            if (list.Any(e => string.Equals(e.Url, url, StringComparison.OrdinalIgnoreCase)))
            {
                row.Issue(Url, $"địa chỉ {url} đã khai báo cho hệ thống {code} ở dòng trước.");
                continue;
            }

            list.Add((url, isPublic));
        }

        foreach (var (code, system) in systems)
        {
            var rows = wanted.GetValueOrDefault(code) ?? [];
            foreach (var stale in system.Endpoints.Where(e => rows.All(r => !string.Equals(r.Url, e.Url, StringComparison.OrdinalIgnoreCase))).ToList())
            {
                system.RemoveEndpoint(stale.Id);
                outcome.Details.Add($"Hệ thống {code}: sẽ xóa địa chỉ {stale.Url} (không có trong tệp).");
            }

            foreach (var (url, isPublic) in rows)
            {
                var current = system.Endpoints.FirstOrDefault(e => string.Equals(e.Url, url, StringComparison.OrdinalIgnoreCase));
                if (current is null)
                {
                    system.AddEndpoint(url, isPublic);
                }
                else
                {
                    current.IsPublic = isPublic;
                }
            }
        }
    }

    private static void ApplyComponents(ImportSheet sheet, Dictionary<string, InformationSystem> systems, DateOnly today, ImportOutcome outcome)
    {
        if (!sheet.Exists)
        {
            // No «Phần mềm» sheet: the systems' inventories stay as they are.
            return;
        }

        var wanted = new Dictionary<string, List<(ComponentKind Kind, string Product, string? Vendor, string? Version, DateOnly? Eol, DateOnly? Patched, string? Notes)>>(StringComparer.Ordinal);
        foreach (var row in sheet.Rows)
        {
            var code = row.Text(Code, InformationSystem.CodeMaxLength, required: true)?.ToUpperInvariant();
            var kind = row.Choice<ComponentKind>(ComponentKindColumn, k => k.Vietnamese(), required: true);
            var product = row.Text(Product, SoftwareComponent.ProductMaxLength, required: true);
            var vendor = row.Text(Vendor, 200);
            var version = row.Text(Version, SoftwareComponent.VersionMaxLength);
            var eol = row.Date(EndOfLife);
            var patched = row.Date(LastPatched);
            var notes = row.Text(Notes, 1000);
            if (patched > today)
            {
                row.Issue(LastPatched, "ngày vá gần nhất không thể ở tương lai.");
            }

            if (code is null || kind is null || product is null)
            {
                continue;
            }

            if (!systems.ContainsKey(code))
            {
                row.Issue(Code, $"không có hệ thống mã {code} ở trang «{SystemsSheet}» (hoặc dòng đó có lỗi).");
                continue;
            }

            var list = wanted.TryGetValue(code, out var l) ? l : wanted[code] = [];
            if (list.Count >= SoftwareComponents.MaxPerSystem)
            {
                row.Issue(Code, $"hệ thống {code} có quá {SoftwareComponents.MaxPerSystem} thành phần phần mềm.");
                continue;
            }

            list.Add((kind.Value, product, vendor, version, eol, patched, notes));
        }

        foreach (var (code, system) in systems)
        {
            var rows = wanted.GetValueOrDefault(code) ?? [];
            var unmatched = system.Components.ToList();
            foreach (var r in rows)
            {
                var key = SearchText.Normalize(r.Product);
                var component = unmatched.FirstOrDefault(c => c.Kind == r.Kind && c.NormalizedProduct == key);
                if (component is null)
                {
                    component = system.AddComponent(r.Kind, r.Product, r.Vendor, r.Version);
                }
                else
                {
                    unmatched.Remove(component);
                    component.Update(r.Kind, r.Product, r.Vendor, r.Version);
                }

                component.EndOfLife = r.Eol;
                component.LastPatched = r.Patched;
                component.Notes = r.Notes;
            }

            foreach (var stale in unmatched)
            {
                system.RemoveComponent(stale.Id);
                outcome.Details.Add($"Hệ thống {code}: sẽ xóa phần mềm {stale.Product} {stale.Version} (không có trong tệp).");
            }
        }
    }

    /// <summary>The systems that the import changes, themselves or through a URL or component (one pass over the tracker).</summary>
    private static HashSet<Guid> ChangedSystems(PortalDbContext db)
    {
        db.ChangeTracker.DetectChanges();
        var changed = new HashSet<Guid>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case InformationSystem system when entry.State == EntityState.Modified
                    && entry.Properties.Any(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue) && p.Metadata.Name != nameof(InformationSystem.ConcurrencyStamp)):
                    changed.Add(system.Id);
                    break;
                case SystemEndpoint endpoint when entry.State != EntityState.Unchanged:
                    changed.Add(endpoint.SystemId);
                    break;
                case SoftwareComponent component when entry.State != EntityState.Unchanged:
                    changed.Add(component.SystemId);
                    break;
            }
        }

        return changed;
    }
}
