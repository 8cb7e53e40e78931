using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SecurityPortal.Data.Identity;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Calendar;
using SecurityPortal.Domain.Catalog;
using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Directives;
using SecurityPortal.Domain.Support;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Data.Seeding;

/// <summary>
/// Reference data every installation needs (the roles) and, when asked, the fictional demo province.
/// Both are idempotent: run them on every start.
/// </summary>
public sealed class PortalSeeder(
    PortalDbContext db, RoleManager<IdentityRole> roles, UserManager<PortalUser> users, TimeProvider clock, ILogger<PortalSeeder> logger)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>The requirement catalogs that ship with the portal (embedded, versioned JSON files).</summary>
    public static readonly string[] ShippedCatalogs = ["catalog-tt12-2022.json"];

    /// <summary>Reference data every installation needs: the roles, the holiday calendar (dates not yet present) and the catalogs.</summary>
    public async Task SeedReferenceDataAsync(CancellationToken cancellationToken = default)
    {
        await SeedRolesAsync();
        await SeedCalendarAsync(cancellationToken);
        await CorrectDossierDeadlinesAsync(cancellationToken);
        foreach (var catalog in ShippedCatalogs)
        {
            await SeedCatalogAsync(catalog, cancellationToken);
        }
    }

    public static byte[] ReadEmbedded(string fileName)
    {
        using var stream = typeof(PortalSeeder).Assembly.GetManifestResourceStream($"SecurityPortal.Data.Seeding.{fileName}")
            ?? throw new InvalidOperationException($"The embedded file {fileName} is missing.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }

    /// <summary>
    /// Loads a shipped catalog once, published. The same file again changes nothing; a published version is never
    /// modified — a changed file under the same code is reported and ignored (a change must be a new version code).
    /// Returns true when the catalog was added.
    /// </summary>
    public async Task<bool> SeedCatalogAsync(string fileName, CancellationToken cancellationToken = default)
    {
        var json = ReadEmbedded(fileName);
        var document = CatalogDocument.Parse(json);
        var hash = CatalogDocument.HashOf(json);
        var existing = await db.CatalogVersions.AsNoTracking().Where(v => v.Code == document.Code)
            .Select(v => new { v.ContentHash }).FirstOrDefaultAsync(cancellationToken);
        if (existing is not null)
        {
            if (existing.ContentHash != hash)
            {
                logger.LogWarning(
                    "The shipped catalog {Code} differs from the published version in the database and was not loaded: a change must carry a new version code",
                    document.Code);
            }

            return false;
        }

        var version = document.ToVersion(hash);
        version.Publish();
        db.CatalogVersions.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    public async Task<int> SeedCalendarAsync(CancellationToken cancellationToken = default)
    {
        using var stream = typeof(PortalSeeder).Assembly.GetManifestResourceStream("SecurityPortal.Data.Seeding.calendar-2025-2027.json")
            ?? throw new InvalidOperationException("The embedded calendar file is missing.");
        var file = await JsonSerializer.DeserializeAsync<CalendarFile>(stream, JsonOptions, cancellationToken)
            ?? throw new InvalidOperationException("The embedded calendar file is empty.");
        var known = await db.CalendarDays.ToDictionaryAsync(d => d.Date, cancellationToken);

        // A day an earlier file shipped and this one corrects goes only while it is exactly as shipped and still provisional:
        // a day an administrator entered, confirmed or changed is theirs and stays.
        var retracted = (file.Retracted ?? [])
            .Select(r => known.GetValueOrDefault(r.Date) is { IsProvisional: true } existing && existing.Kind == r.Kind && existing.Name == r.Name ? existing : null)
            .OfType<CalendarDay>().ToList();
        if (retracted.Count > 0)
        {
            db.CalendarDays.RemoveRange(retracted);
            await db.SaveChangesAsync(cancellationToken);
            retracted.ForEach(r => known.Remove(r.Date));
        }

        var added = 0;
        foreach (var day in file.Days)
        {
            if (!known.TryGetValue(day.Date, out var existing))
            {
                db.CalendarDays.Add(new CalendarDay(day.Date, day.Name, day.Kind, day.Provisional));
                added++;
            }
            else if (existing.IsProvisional && !day.Provisional && existing.Kind == day.Kind)
            {
                // A day the shipped file now confirms (the Government's notice was published) is confirmed here too,
                // unless an administrator already changed it.
                existing.IsProvisional = false;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    /// <summary>
    /// Open Decree 85 dossiers whose stored deadline an earlier version computed without a basis (a completeness deadline)
    /// or on a day off (an appraisal limit in calendar days): corrected once, then nothing is left to correct.
    /// </summary>
    public async Task<int> CorrectDossierDeadlinesAsync(CancellationToken cancellationToken = default)
    {
        var dossiers = await db.LevelDossiers
            .Where(d => d.RuleSet == RuleSet.Decree85
                && ((d.State == DossierState.Submitted && d.CompletenessDue != null) || (d.State == DossierState.UnderAppraisal && d.AppraisalDue != null)))
            .ToListAsync(cancellationToken);
        if (dossiers.Count == 0)
        {
            return 0;
        }

        var calendar = CalendarDay.ToWorkingDays(await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken));
        var corrected = dossiers.Count(d => d.CorrectDeadlines(calendar));
        await db.SaveChangesAsync(cancellationToken);
        return corrected;
    }

    public async Task SeedRolesAsync()
    {
        foreach (var role in PortalRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }
    }

    /// <summary>Creates the demo province: agencies from the embedded file and one account per demo user.</summary>
    public async Task<int> SeedDemoAsync(string demoPassword, CancellationToken cancellationToken = default)
    {
        var demo = LoadDemoProvince();
        var existing = await db.Agencies.ToDictionaryAsync(a => a.Code, cancellationToken);
        var created = 0;
        foreach (var item in demo.Agencies)
        {
            if (existing.ContainsKey(item.Code))
            {
                continue;
            }

            Guid? parentId = item.Parent is null ? null : existing[item.Parent].Id;
            var agency = new Agency(item.Code, item.Name, item.Kind, parentId)
            {
                ShortName = item.ShortName,
                HeadName = item.HeadName,
                HeadTitle = item.HeadTitle,
                Address = item.Address,
                Phone = item.Phone,
                Email = item.Email,
            };
            agency.Rename(item.Name);
            db.Agencies.Add(agency);
            existing[item.Code] = agency;
            created++;
        }

        // Security units after the agencies are stored: an agency may name one listed after it, or one under it (the
        // People's Committee names its department), which saved together would be a cycle of parent and unit.
        var added = demo.Agencies.Where(a => a.SecurityUnit is not null && db.Entry(existing[a.Code]).State == EntityState.Added).ToList();
        await db.SaveChangesAsync(cancellationToken);
        foreach (var item in added)
        {
            existing[item.Code].SecurityUnitId = existing[item.SecurityUnit!].Id;
        }

        await db.SaveChangesAsync(cancellationToken);

        var existingSystems = (await db.InformationSystems.Select(x => x.Code).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var item in demo.Systems.Where(x => !existingSystems.Contains(x.Code)))
        {
            db.InformationSystems.Add(item.ToSystem(existing));
            created++;
        }

        await db.SaveChangesAsync(cancellationToken);

        foreach (var item in demo.Users)
        {
            if (await users.FindByEmailAsync(item.Email) is not null)
            {
                continue;
            }

            var user = new PortalUser
            {
                UserName = item.Email,
                Email = item.Email,
                EmailConfirmed = true,
                FullName = item.FullName,
                Position = item.Position,
                AgencyId = existing[item.Agency].Id,
            };
            Check(await users.CreateAsync(user, demoPassword), $"user {item.Email}");
            Check(await users.AddToRoleAsync(user, item.Role), $"role of {item.Email}");
            created++;
        }

        created += await SeedDemoDirectiveAsync(existing.Values, cancellationToken);
        created += await SeedDemoSupportAsync(existing, cancellationToken);
        return created;
    }

    /// <summary>
    /// The province's letter as a draft directive of the demo reviewer, addressed like the letter («Kính gửi» every department
    /// and every commune committee): review and apply the security rules, update software versions and patches, classify every
    /// system under Decree 85. The reviewer attaches the signed file and sends it. Seeded once, when there is no directive yet.
    /// </summary>
    private async Task<int> SeedDemoDirectiveAsync(IEnumerable<Agency> agencies, CancellationToken cancellationToken)
    {
        var reviewer = await users.FindByEmailAsync("thamdinh@songlam.demo");
        if (reviewer is null || await db.Directives.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = VietnamTime.Today(clock);
        var directive = new Directive(
            "1250/UBND-KGVX", today, "Ủy ban nhân dân tỉnh Sông Lam",
            "Về việc tăng cường bảo đảm an toàn thông tin mạng cho các hệ thống thông tin của cơ quan, đơn vị", reviewer.Id, now);
        directive.AddAction(
            "Thủ trưởng cơ quan, đơn vị rà soát, kiểm tra và triển khai đầy đủ các quy định về bảo đảm an toàn thông tin mạng và hướng dẫn của Bộ chuyên ngành đối với cổng/trang thông tin điện tử, hệ thống thư điện tử, phòng, chống, gỡ bỏ phần mềm độc hại, phần mềm gián điệp (APT).",
            today.AddDays(30), "Báo cáo kết quả rà soát có xác nhận của thủ trưởng đơn vị", null, null, today);
        directive.AddAction(
            "Rà soát, cập nhật phiên bản phần mềm và bản vá bảo mật cho các hệ thống thông tin đã xây dựng và đang vận hành.",
            today.AddDays(30), "Danh sách phần mềm, phiên bản và bản vá đã cập nhật", null, null, today);
        directive.AddAction(
            "Phân loại thông tin, hệ thống thông tin và xác định cấp độ an toàn hệ thống thông tin theo Nghị định 85/2016/NĐ-CP; lập hồ sơ đề xuất cấp độ cho từng hệ thống.",
            today.AddDays(60), "Hồ sơ đề xuất cấp độ hoặc quyết định phê duyệt cấp độ của từng hệ thống", null, null, today);
        directive.SetRecipients(agencies.Where(a => a.IsActive && a.Kind is AgencyKind.Department or AgencyKind.CommuneCommittee).Select(a => a.Id));
        db.Directives.Add(directive);
        await db.SaveChangesAsync(cancellationToken);
        return 1;
    }

    /// <summary>
    /// Two support requests of the demo province: the health department's officer asks for help removing malware from its
    /// website (new, waiting for the province), and the Bến Thủy ward asks for help configuring its office network, already
    /// accepted by the demo reviewer. The targets are the defaults of the Support settings (24 hours «Cao», 72 «Bình thường»).
    /// Seeded once, when there is no request yet.
    /// </summary>
    private async Task<int> SeedDemoSupportAsync(Dictionary<string, Agency> agencies, CancellationToken cancellationToken)
    {
        var reviewer = await users.FindByEmailAsync("thamdinh@songlam.demo");
        var health = await users.FindByEmailAsync("canbo.syt@songlam.demo");
        var ward = await users.FindByEmailAsync("canbo.benthuy@songlam.demo");
        if (reviewer is null || health is null || ward is null || !agencies.TryGetValue("SL-SYT", out var healthAgency)
            || !agencies.TryGetValue("SL-PBT", out var wardAgency) || await db.SupportRequests.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var website = await db.InformationSystems.Where(s => s.Code == "SL-SYT-WEB").Select(s => (Guid?)s.Id).FirstOrDefaultAsync(cancellationToken);
        var malware = new SupportRequest(healthAgency.Id, website, SupportCategory.MalwareRemoval, SupportUrgency.High,
            "Cổng thông tin Sở Y tế nghi nhiễm mã độc chèn liên kết quảng cáo",
            "Trang tin tức của cổng thông tin hiển thị liên kết quảng cáo lạ; phần mềm diệt virus trên máy chủ cảnh báo tệp web shell. Đề nghị đơn vị chuyên trách hỗ trợ rà soát và gỡ bỏ.",
            new SupportActor(health.Id, health.FullName, false, true), TimeSpan.FromHours(24), now);
        var network = new SupportRequest(wardAgency.Id, null, SupportCategory.Configuration, SupportUrgency.Normal,
            "Hướng dẫn cấu hình tường lửa mạng nội bộ của UBND phường",
            "Phường mới lắp đặt thiết bị tường lửa; đề nghị hướng dẫn cấu hình chính sách truy cập và ghi nhật ký theo quy định.",
            new SupportActor(ward.Id, ward.FullName, false, true), TimeSpan.FromHours(72), now);
        network.Accept(new SupportActor(reviewer.Id, reviewer.FullName, true, false), null, null, "Đã tiếp nhận, sẽ liên hệ để hẹn lịch hướng dẫn.", now);
        db.SupportRequests.AddRange(malware, network);
        await db.SaveChangesAsync(cancellationToken);
        return 2;
    }

    public static DemoProvince LoadDemoProvince()
    {
        using var stream = typeof(PortalSeeder).Assembly.GetManifestResourceStream("SecurityPortal.Data.Seeding.demo-province.json")
            ?? throw new InvalidOperationException("The embedded demo province file is missing.");
        return JsonSerializer.Deserialize<DemoProvince>(stream, JsonOptions)
            ?? throw new InvalidOperationException("The embedded demo province file is empty.");
    }

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Seeding {what} failed: {string.Join("; ", result.Errors.Select(e => e.Code))}");
        }
    }
}

/// <summary>The shipped calendar: its days, and the days earlier versions shipped that it withdraws or corrects.</summary>
public sealed record CalendarFile(IReadOnlyList<CalendarFileDay> Days, IReadOnlyList<CalendarFileDay>? Retracted = null);

public sealed record CalendarFileDay(DateOnly Date, string Name, CalendarDayKind Kind, bool Provisional);

public sealed record DemoProvince(
    string ProvinceName, IReadOnlyList<DemoAgency> Agencies, IReadOnlyList<DemoUser> Users, IReadOnlyList<DemoSystem> Systems);

public sealed record DemoComponent(ComponentKind Kind, string Product, string? Vendor, string? Version, DateOnly? EndOfLife, DateOnly? LastPatched);

public sealed record DemoSystem(
    string Code, string Name, string Owner, string Operator, SystemFunctionKind FunctionKind, string InformationTypes, int? UserCount,
    HostingModel Hosting, string? HostingProvider, bool HandlesAdministrativeProcedures, string? Description, int? BasicPersonalDataSubjects,
    ConstructionWorkClass? IndustrialControlClass, IReadOnlyList<string> Urls, IReadOnlyList<DemoComponent> Components)
{
    public InformationSystem ToSystem(IReadOnlyDictionary<string, Agency> agencies)
    {
        var system = new InformationSystem(Code, Name, agencies[Owner].Id, agencies[Operator].Id)
        {
            FunctionKind = FunctionKind,
            InformationTypes = Enum.Parse<InformationTypes>(InformationTypes),
            UserCount = UserCount,
            Hosting = Hosting,
            HostingProvider = HostingProvider,
            HandlesAdministrativeProcedures = HandlesAdministrativeProcedures,
            BasicPersonalDataSubjects = BasicPersonalDataSubjects,
            IndustrialControlClass = IndustrialControlClass,
        };
        system.SetIdentity(Code, Name, Description);
        foreach (var url in Urls)
        {
            system.AddEndpoint(url, isPublic: true);
        }

        foreach (var c in Components)
        {
            var component = system.AddComponent(c.Kind, c.Product, c.Vendor, c.Version);
            component.EndOfLife = c.EndOfLife;
            component.LastPatched = c.LastPatched;
        }

        return system;
    }
}

public sealed record DemoAgency(
    string Code, string Name, string? ShortName, AgencyKind Kind, string? Parent, string? HeadName, string? HeadTitle, string? Address,
    string? Phone = null, string? Email = null, string? SecurityUnit = null);

public sealed record DemoUser(string Email, string FullName, string Role, string Agency, string? Position);
