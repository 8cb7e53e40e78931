using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Data.Identity;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Auditing;
using SecurityPortal.Domain.Calendar;
using SecurityPortal.Domain.Catalog;
using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Reporting;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Bench.Generator;

/// <summary>
/// Generates a realistic province at scale for the benchmarks (issue 7): at scale 1 (P1) 2,000 agencies, 8,000
/// systems with software inventories, level dossiers, three cycles of self-assessments answered through the domain,
/// 50,000 remediation tasks, incidents, monthly snapshots and 1,000,000 audit rows; scale 10 (P10) is ten times that.
/// Content is deterministic for a seed (names, levels, answers, dates relative to a fixed anchor day); record ids are
/// not. Idempotent: a province already generated at that scale is left as it is. It writes through a context without
/// the audit and mail interceptors (the audit rows are generated in bulk instead).
/// </summary>
public sealed class ProvinceGenerator(Func<PortalDbContext> newContext, CatalogVersion catalog, Action<string> log)
{
    public static readonly DateOnly Anchor = new(2026, 12, 1);
    private const int Batch = 100;
    private static readonly string[] Places = ["An Hòa", "Bình Minh", "Cẩm Thành", "Diễn Châu", "Đông Vĩnh", "Hưng Lộc", "Hưng Dũng", "Kim Liên", "Lam Sơn", "Long Thành",
        "Nam Đàn", "Nghi Phú", "Phú Thọ", "Quang Trung", "Quỳnh Lưu", "Sơn Hải", "Tân Kỳ", "Thanh Chương", "Thạch Hà", "Trung Đô", "Vinh Tân", "Xuân Hòa",
        "Yên Thành", "Đô Lương", "Hà Huy Tập", "Lê Lợi", "Bến Thủy", "Cửa Lò", "Hồng Sơn", "Nghi Lộc"];
    private static readonly string[] Departments = ["Sở Nội vụ", "Sở Tài chính", "Sở Xây dựng", "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Khoa học và Công nghệ",
        "Sở Tư pháp", "Sở Công Thương", "Sở Nông nghiệp và Môi trường", "Sở Văn hóa, Thể thao và Du lịch", "Thanh tra tỉnh", "Văn phòng UBND tỉnh", "Sở Dân tộc và Tôn giáo", "Sở Ngoại vụ"];
    private static readonly string[] SystemNames = ["Cổng thông tin điện tử", "Hệ thống quản lý văn bản và điều hành", "Phần mềm một cửa điện tử", "Hệ thống thư điện tử công vụ",
        "Trang thông tin điện tử", "Phần mềm quản lý hồ sơ", "Hệ thống quản lý học sinh", "Phần mềm quản lý khám chữa bệnh", "Cơ sở dữ liệu chuyên ngành", "Hệ thống họp trực tuyến"];

    private readonly List<long> _timings = [];

    public sealed record Counts(int Agencies, int Systems, int Dossiers, int Assessments, long Answers, int Tasks, int Incidents, long AuditRows);

    public async Task<Counts?> GenerateAsync(int scale, int seed, CancellationToken cancellationToken)
    {
        var prefix = $"P{scale}";
        await using (var check = newContext())
        {
            if (await check.Agencies.AnyAsync(a => a.Code == $"{prefix}-A00001", cancellationToken))
            {
                log($"Tỉnh {prefix} đã được tạo trước đó; không tạo lại.");
                return null;
            }
        }

        var random = new Random(seed + scale);
        var clock = Stopwatch.StartNew();
        var nowUtc = Anchor.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc);
        var calendar = new WorkingDays([]);

        // Users: a leader and an officer per 50 agencies, with one password hash (the generator's accounts share a password).
        var hasher = new PasswordHasher<PortalUser>();
        var passwordHash = hasher.HashPassword(new PortalUser(), BenchPassword);
        var agencies = await AgenciesAsync(prefix, scale, random, cancellationToken);
        var users = await UsersAsync(prefix, agencies, passwordHash, cancellationToken);
        log($"{agencies.Count} cơ quan, {users.Officers.Count + 2} tài khoản — {clock.Elapsed.TotalSeconds:0} s");

        var officer = new DossierActor(users.Officers[0], "Cán bộ", false, true);
        var reviewer = new DossierActor(users.ReviewerId, "Cán bộ thẩm định", true, false);
        var taskOfficer = new TaskActor(users.Officers[0], "Cán bộ", false, true);
        var taskReviewer = new TaskActor(users.ReviewerId, "Cán bộ thẩm định", true, false);

        var campaigns = new Dictionary<int, Campaign>();
        await using (var db = newContext())
        {
            foreach (var cycle in new[] { Anchor.Year - 2, Anchor.Year - 1, Anchor.Year })
            {
                var start = new DateOnly(cycle, 3, 1);
                var campaign = new Campaign($"Tự đánh giá năm {cycle} ({prefix})", cycle, catalog.Id, new DateOnly(cycle, 11, 30), null, null, users.ReviewerId, start, start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
                db.Campaigns.Add(campaign);
                campaigns[cycle] = campaign;
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        var systemCount = 8000 * scale;
        var taskTarget = 50_000 * scale;
        int dossiers = 0, assessments = 0, tasks = 0, incidents = 0;
        long answers = 0;
        var systemsDone = 0;
        while (systemsDone < systemCount)
        {
            await using var db = newContext();
            var chunk = Math.Min(Batch, systemCount - systemsDone);
            for (var i = 0; i < chunk; i++)
            {
                var n = systemsDone + i + 1;
                var agency = agencies[random.Next(agencies.Count)];
                var system = NewSystem(prefix, n, agency, random);
                db.InformationSystems.Add(system);

                var level = Pick(random, (1, 35), (2, 45), (3, 17), (4, 3));
                var roll = random.Next(100);
                var today = Anchor.AddDays(-random.Next(30, 900));
                if (roll < 60)
                {
                    db.LevelDossiers.Add(ApprovedDossier(system, level, officer, reviewer, calendar, today, random));
                    dossiers++;
                }
                else if (roll < 85)
                {
                    db.LevelDossiers.Add(OpenDossier(system, level, officer, reviewer, calendar, Anchor.AddDays(-random.Next(1, 40)), random));
                    dossiers++;
                }

                foreach (var cycle in campaigns.Keys)
                {
                    if (random.Next(100) < (cycle == Anchor.Year ? 80 : 95))
                    {
                        var (assessment, count) = NewAssessment(system, level, roll < 60, cycle, campaigns[cycle], users, random);
                        db.Assessments.Add(assessment);
                        assessments++;
                        answers += count;
                    }
                }

                // Tasks spread so that the total reaches the target: about 6 per system at P1.
                var wanted = (int)((long)taskTarget * n / systemCount) - tasks;
                for (var t = 0; t < wanted; t++)
                {
                    db.RemediationTasks.Add(NewTask(system, random, taskOfficer, taskReviewer, users.ReviewerId));
                    tasks++;
                }

                if (random.Next(100) < 3)
                {
                    var detected = nowUtc.AddHours(-random.Next(1, 24 * 400));
                    var incident = new Incident(agency.Id, (IncidentKind)random.Next(0, 7), $"Sự cố {Pick(random, ("thay đổi giao diện", 40), ("mã độc", 30), ("tấn công từ chối dịch vụ", 20), ("lộ lọt dữ liệu", 10))} tại {system.Name}",
                        null, detected, random.Next(100) < 40, null, [system.Id], users.Officers[0], detected.AddHours(1));
                    if (detected < nowUtc.AddDays(-5))
                    {
                        incident.RecordInitialNotice(detected.AddHours(12));
                        incident.RecordFullReport(detected.AddHours(60), "Đã khắc phục.");
                    }

                    db.Incidents.Add(incident);
                    incidents++;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            systemsDone += chunk;
            if (systemsDone % 1000 == 0 || systemsDone == systemCount)
            {
                log($"{systemsDone}/{systemCount} hệ thống, {assessments} bản tự đánh giá ({answers} câu trả lời), {tasks} nhiệm vụ — {clock.Elapsed.TotalSeconds:0} s");
            }
        }

        await SnapshotsAsync(agencies, random, cancellationToken);
        var audit = await AuditAsync(prefix, scale, agencies, users, nowUtc, random, cancellationToken);
        log($"Xong sau {clock.Elapsed.TotalSeconds:0} s.");
        return new Counts(agencies.Count, systemCount, dossiers, assessments, answers, tasks, incidents, audit);
    }

    public const string BenchPassword = "Bench@SongLam2026";

    /// <summary>
    /// The assessment of issue 5's benchmark: 150 requirements (a synthetic published catalog, since the shipped one has
    /// at most 70 per level), a draft for next year on a system of the generated officer's agency. Made once; returns
    /// its id and the officer who may answer it.
    /// </summary>
    public async Task<(Guid AssessmentId, string OfficerEmail)> EnsureBenchAssessmentAsync(int scale, CancellationToken cancellationToken)
    {
        var code = $"BENCH-150-P{scale}";
        var officerEmail = OfficerEmail(scale);
        await using var db = newContext();
        var officer = await db.Users.AsNoTracking().Where(u => u.Email == officerEmail).Select(u => new { u.Id, u.AgencyId }).FirstAsync(cancellationToken);
        var system = await db.InformationSystems.AsNoTracking().Where(s => s.OwnerAgencyId == officer.AgencyId).OrderBy(s => s.Code).FirstOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException("The generated officer's agency has no system.");
        if (await db.CatalogVersions.AsNoTracking().FirstOrDefaultAsync(v => v.Code == code, cancellationToken) is { } existing)
        {
            var id = await db.Assessments.Where(a => a.CatalogVersionId == existing.Id).Select(a => a.Id).FirstAsync(cancellationToken);
            return (id, officerEmail);
        }

        var document = new CatalogDocument
        {
            Code = code, Title = "Danh mục thử nghiệm 150 yêu cầu", LegalBasis = "Dữ liệu thử nghiệm hiệu năng", EffectiveDate = "2026-01-01",
            Groups = [.. Enumerable.Range(1, 10).Select(g => new CatalogDocument.GroupEntry { Code = $"N{g:D2}", Kind = g <= 5 ? RequirementKind.Management : RequirementKind.Technical, Title = $"Nhóm yêu cầu số {g}" })],
            Requirements = [.. Enumerable.Range(0, 150).Select(i => new CatalogDocument.RequirementEntry
            {
                Code = $"N{(i / 15) + 1:D2}.{(i % 15) + 1:D2}", Group = $"N{(i / 15) + 1:D2}", Kind = i < 75 ? RequirementKind.Management : RequirementKind.Technical,
                Title = $"Yêu cầu thử nghiệm số {i + 1}", Text = $"Nội dung yêu cầu số {i + 1}: đơn vị phải có quy định, thực hiện và lưu vết theo cấp độ.",
                Evidence = "Quy chế, nhật ký, ảnh chụp cấu hình.",
                Levels = Enumerable.Range(1, 5).ToDictionary(l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    l => new CatalogDocument.LevelEntry { Text = $"Yêu cầu số {i + 1} ở cấp độ {l}.", Reference = $"Mục {i + 1}" }),
            })],
        };
        var version = document.ToVersion(CatalogDocument.HashOf(document.ToJson()));
        version.Publish();
        db.CatalogVersions.Add(version);
        var tracked = await db.InformationSystems.FirstAsync(s => s.Id == system.Id, cancellationToken);
        var assessment = Assessment.Start(tracked, version, Anchor.Year + 1, tracked.ApprovedLevel ?? 2, tracked.ApprovedLevel is not null, officer.Id, Anchor.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));
        db.Assessments.Add(assessment);
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        return (assessment.Id, officerEmail);
    }

    public static string LeaderEmail(int scale) => $"lanhdao@p{scale}.bench";

    public static string OfficerEmail(int scale) => $"canbo@p{scale}.bench";

    private sealed record GeneratedUsers(string LeaderId, string ReviewerId, List<string> Officers, Guid OfficerAgency);

    private async Task<List<Agency>> AgenciesAsync(string prefix, int scale, Random random, CancellationToken cancellationToken)
    {
        var list = new List<Agency>();
        var number = 0;
        string Code() => $"{prefix}-A{++number:D5}";
        var province = new Agency(Code(), $"Ủy ban nhân dân tỉnh ({prefix})", AgencyKind.ProvincialCommittee);
        list.Add(province);
        var departments = Departments.Select(d => new Agency(Code(), $"{d} ({prefix})", AgencyKind.Department, province.Id)).ToList();
        list.AddRange(departments);
        var education = departments[4];
        var health = departments[3];
        var total = 2000 * scale;
        while (list.Count < total)
        {
            var place = Places[random.Next(Places.Length)];
            var i = list.Count;
            list.Add(Pick(random, (0, 35), (1, 30), (2, 12), (3, 15), (4, 8)) switch
            {
                0 => new Agency(Code(), $"Ủy ban nhân dân xã {place} số {i}", AgencyKind.CommuneCommittee, province.Id),
                1 => new Agency(Code(), $"Trường {Pick(random, ("Mầm non", 30), ("Tiểu học", 35), ("THCS", 25), ("THPT", 10))} {place} số {i}", AgencyKind.School, education.Id),
                2 => new Agency(Code(), $"Trạm Y tế xã {place} số {i}", AgencyKind.HealthFacility, health.Id),
                3 => new Agency(Code(), $"Trung tâm dịch vụ công {place} số {i}", AgencyKind.PublicServiceUnit, departments[random.Next(departments.Count)].Id),
                _ => new Agency(Code(), $"Ban quản lý dự án {place} số {i}", AgencyKind.Other, province.Id),
            });
        }

        foreach (var chunk in list.Chunk(1000))
        {
            await using var db = newContext();
            db.Agencies.AddRange(chunk);
            await db.SaveChangesAsync(cancellationToken);
        }

        return list;
    }

    private async Task<GeneratedUsers> UsersAsync(string prefix, List<Agency> agencies, string passwordHash, CancellationToken cancellationToken)
    {
        await using var db = newContext();
        var roles = await db.Roles.ToDictionaryAsync(r => r.Name!, r => r.Id, cancellationToken);
        PortalUser User(string email, string name, Guid? agency)
        {
            var user = new PortalUser
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), EmailConfirmed = true,
                FullName = name, AgencyId = agency, PasswordHash = passwordHash, SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(),
            };
            db.Users.Add(user);
            return user;
        }

        var scale = int.Parse(prefix[1..], System.Globalization.CultureInfo.InvariantCulture);
        var leader = User(LeaderEmail(scale), $"Lãnh đạo tỉnh ({prefix})", null);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = leader.Id, RoleId = roles[PortalRoles.Leadership] });
        var reviewer = User($"thamdinh@p{scale}.bench", $"Cán bộ thẩm định ({prefix})", null);
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = reviewer.Id, RoleId = roles[PortalRoles.ProvincialReviewer] });
        var officers = new List<string>();
        for (var i = 0; i < agencies.Count; i += 50)
        {
            var officer = User(i == 0 ? OfficerEmail(scale) : $"canbo{i}@p{scale}.bench", $"Cán bộ CNTT {agencies[i].Name}", agencies[i].Id);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = officer.Id, RoleId = roles[PortalRoles.AgencyOfficer] });
            officers.Add(officer.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new GeneratedUsers(leader.Id, reviewer.Id, officers, agencies[0].Id);
    }

    private static InformationSystem NewSystem(string prefix, int n, Agency agency, Random random)
    {
        var name = $"{SystemNames[random.Next(SystemNames.Length)]} — {agency.Name}";
        var system = new InformationSystem($"{prefix}-S{n:D6}", name.Length > 200 ? name[..200] : name, agency.Id, agency.Id)
        {
            FunctionKind = Pick(random, (SystemFunctionKind.Internal, 50), (SystemFunctionKind.CitizenBusinessService, 40), (SystemFunctionKind.InformationInfrastructure, 10)),
            InformationTypes = InformationTypes.Private,
            InfrastructureScope = InfrastructureScope.SingleOrganisation,
            UserCount = random.Next(20, 5000),
            Hosting = Pick(random, (HostingModel.ProvincialDataCentre, 60), (HostingModel.OnPremises, 25), (HostingModel.Cloud, 15)),
        };
        system.AddComponent(ComponentKind.OperatingSystem, Pick(random, ("Ubuntu Server", 50), ("Windows Server", 35), ("CentOS", 15)), null, Pick(random, ("22.04", 40), ("20.04", 30), ("2019", 20), ("7", 10)))
            .LastPatched = Anchor.AddDays(-random.Next(5, 500));
        system.AddComponent(ComponentKind.WebServer, Pick(random, ("nginx", 50), ("Apache HTTP Server", 30), ("IIS", 20)), null, Pick(random, ("1.24.0", 40), ("2.4.58", 30), ("10.0", 30)))
            .LastPatched = Anchor.AddDays(-random.Next(5, 400));
        var cms = system.AddComponent(ComponentKind.Cms, Pick(random, ("WordPress", 50), ("Joomla", 20), ("Drupal", 10), ("DNN", 20)), null, Pick(random, ("6.4.3", 40), ("5.8.3", 30), ("4.9.8", 10), ("9.5", 20)));
        cms.LastPatched = random.Next(100) < 15 ? null : Anchor.AddDays(-random.Next(5, 600));
        cms.EndOfLife = random.Next(100) < 10 ? Anchor.AddDays(-random.Next(30, 700)) : null;
        return system;
    }

    private static LevelDossier ApprovedDossier(InformationSystem system, int level, DossierActor officer, DossierActor reviewer, WorkingDays calendar, DateOnly today, Random random)
    {
        var now = today.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
        var dossier = Prepared(system, level, officer, today, now);
        dossier.Submit(officer, calendar, today, now);
        if (level >= 4)
        {
            dossier.AddAttachment(reviewer, AttachmentKind.ExpertOpinion, "y-kien.pdf", "application/pdf", 1000, Sha(random), now);
            dossier.RecordExpertOpinion(reviewer, $"{random.Next(1, 999)}/YK", today, "Đồng ý", today, now);
        }

        dossier.Accept(reviewer, calendar, today, now);
        dossier.RecordAppraisal(reviewer, AppraisalConclusion.Suitable, null, $"{random.Next(1, 999)}/TĐ", today, "Sở Khoa học và Công nghệ", calendar, today, now);
        // Level 3: the owner's decision, recorded by an officer of the owner agency other than the one who prepared the dossier.
        var approver = dossier.MayApprove(reviewer) ? reviewer : officer with { UserId = officer.UserId + "-owner" };
        foreach (var kind in DossierRoute.For(level).RequiredToApprove)
        {
            dossier.AddAttachment(approver, kind, "quyet-dinh.pdf", "application/pdf", 1000, Sha(random), now);
        }

        dossier.Approve(approver, system, $"{random.Next(1, 2999)}/QĐ", today, "Giám đốc", today, now);
        return dossier;
    }

    private static LevelDossier OpenDossier(InformationSystem system, int level, DossierActor officer, DossierActor reviewer, WorkingDays calendar, DateOnly today, Random random)
    {
        var now = today.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
        var dossier = Prepared(system, level, officer, today, now);
        if (random.Next(100) < 70)
        {
            dossier.Submit(officer, calendar, today, now);
            if (random.Next(100) < 50 && level < 4)
            {
                dossier.Accept(reviewer, calendar, today, now);
            }
        }

        return dossier;
    }

    private static LevelDossier Prepared(InformationSystem system, int level, DossierActor officer, DateOnly today, DateTime now)
    {
        var dossier = LevelDossier.Start(system, officer, today, now, null);
        dossier.SetFacts(new ClassificationFacts
        {
            FunctionKind = SystemFunctionKind.Internal, InformationTypes = level == 1 ? InformationTypes.Public : InformationTypes.Private,
            OnlineServiceLevel = 0, ConditionalBusinessLine = false, UserCount = 10, BasicPersonalDataSubjects = 0, SensitivePersonalDataSubjects = 0,
            HandlesAdministrativeProcedures = false, InfrastructureScope = InfrastructureScope.SingleOrganisation, Requires24x7 = false,
            NationalEGovernmentSystem = false, CentralisedNationalData = false, InternationalInfrastructureLink = false, DesignatedLevel = 0, RiskFrameworkLevel = 0,
        });
        dossier.Propose(level, level > 2 ? "Theo đánh giá rủi ro của đơn vị." : null);
        dossier.SetContent(DossierContent.FromSections(DossierContent.SectionList.ToDictionary(s => s.Field, s => (string?)"Nội dung thuyết minh theo mẫu.")));
        foreach (var kind in DossierRoute.For(level).RequiredToSubmit)
        {
            dossier.AddAttachment(officer, kind, "tai-lieu.pdf", "application/pdf", 1000, new string('a', 64), now);
        }

        return dossier;
    }

    private (Assessment Assessment, int Answers) NewAssessment(InformationSystem system, int level, bool approved, int cycle, Campaign campaign, GeneratedUsers users, Random random)
    {
        var started = new DateOnly(cycle, 4, 1).AddDays(random.Next(0, 120));
        var now = started.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc);
        var assessment = Assessment.Start(system, catalog, cycle, level, approved, users.Officers[0], now);
        assessment.JoinCampaign(campaign);
        var quality = random.Next(40, 100);
        var answered = 0;
        var current = cycle == Anchor.Year;
        var stopAt = current && random.Next(100) < 25 ? random.Next(assessment.Items.Count) : int.MaxValue;
        foreach (var item in assessment.Items)
        {
            if (answered >= stopAt)
            {
                break;
            }

            var roll = random.Next(100);
            var answer = roll < quality - 10 ? Answer.Met : roll < quality ? Answer.NotApplicable : roll < quality + ((100 - quality) / 2) ? Answer.PartiallyMet : Answer.NotMet;
            var plan = answer is Answer.NotMet or Answer.PartiallyMet ? started.AddDays(random.Next(30, 400)) : (DateOnly?)null;
            assessment.AnswerItem(item.Id, answer, answer == Answer.NotApplicable ? "Hệ thống không có thành phần này." : null, "Minh chứng kèm theo.",
                plan, plan is null ? null : "Cán bộ phụ trách", started, users.Officers[0], now);
            answered++;
        }

        if (answered == assessment.Items.Count && (!current || random.Next(100) < 70))
        {
            assessment.Submit(users.Officers[0], "Giám đốc", now.AddDays(10));
            if (!current || random.Next(100) < 60)
            {
                assessment.StartReview(users.ReviewerId);
                assessment.Accept(users.ReviewerId, now.AddDays(20));
            }
        }

        return (assessment, answered);
    }

    private static RemediationTask NewTask(InformationSystem system, Random random, TaskActor officer, TaskActor reviewer, string reviewerId)
    {
        var severity = Pick(random, (TaskSeverity.Critical, 5), (TaskSeverity.High, 25), (TaskSeverity.Medium, 45), (TaskSeverity.Low, 25));
        var created = Anchor.AddDays(-random.Next(1, 700));
        var now = created.ToDateTime(new TimeOnly(3, 0), DateTimeKind.Utc);
        var source = Pick(random, (TaskSource.SelfAssessmentGap, 45), (TaskSource.VulnerabilityWarning, 20), (TaskSource.OutdatedSoftware, 15), (TaskSource.AppraisalFinding, 10), (TaskSource.Other, 10));
        var task = new RemediationTask(system.Id, $"Khắc phục {Pick(random, ("cấu hình tường lửa", 20), ("cập nhật bản vá hệ điều hành", 25), ("nâng cấp CMS", 20), ("sao lưu dữ liệu", 15), ("chính sách mật khẩu", 20))} — {system.Code}",
            null, source, null, null, null, severity, created.AddDays(random.Next(7, 180)), reviewerId, now, "Cán bộ thẩm định");
        var state = random.Next(100);
        if (state >= 30)
        {
            task.Start(officer, now.AddDays(1));
        }

        if (state >= 50 && state < 95)
        {
            task.AddAttachment(officer, "bang-chung.pdf", "application/pdf", 1000, Sha(random), now.AddDays(2));
            task.Resolve(officer, "Đã xử lý theo khuyến nghị.", now.AddDays(3));
            if (state >= 60)
            {
                task.Verify(reviewer, "Đã kiểm tra.", now.AddDays(5));
            }
        }
        else if (state >= 95)
        {
            task.Cancel(reviewer, "Trùng với nhiệm vụ khác.", now.AddDays(2));
        }

        return task;
    }

    private async Task SnapshotsAsync(List<Agency> agencies, Random random, CancellationToken cancellationToken)
    {
        await using var db = newContext();
        var systemsByAgency = await db.InformationSystems.GroupBy(s => s.OwnerAgencyId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        for (var month = 11; month >= 0; month--)
        {
            var day = new DateOnly(Anchor.Year, Anchor.Month, 1).AddMonths(-month).AddDays(-1);
            var progress = (12 - month) / 12.0;
            foreach (var agency in agencies)
            {
                var systems = systemsByAgency.GetValueOrDefault(agency.Id);
                var scored = (int)(systems * progress * 0.8);
                db.FigureSnapshots.Add(new FigureSnapshot(day, agency.Id)
                {
                    Systems = systems,
                    WithApprovedLevel = (int)(systems * (0.3 + (0.3 * progress))),
                    ScoreSum = scored * (55m + (20m * (decimal)progress)),
                    ScoreCount = scored,
                    OpenTasks = random.Next(0, 6 * Math.Max(1, systems)),
                    OverdueTasks = random.Next(0, 2 * Math.Max(1, systems)),
                    OutdatedSystems = random.Next(0, systems + 1),
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    private async Task<long> AuditAsync(string prefix, int scale, List<Agency> agencies, GeneratedUsers users, DateTime nowUtc, Random random, CancellationToken cancellationToken)
    {
        var total = 1_000_000L * scale;
        var types = new[] { "InformationSystem", "LevelDossier", "Assessment", "AssessmentItem", "RemediationTask", "Agency", "SoftwareComponent" };
        for (long written = 0; written < total;)
        {
            await using var db = newContext();
            var chunk = (int)Math.Min(20_000, total - written);
            for (var i = 0; i < chunk; i++)
            {
                var type = types[random.Next(types.Length)];
                var key = Guid.CreateVersion7().ToString();
                db.AuditEntries.Add(new AuditEntry
                {
                    OccurredAtUtc = nowUtc.AddMinutes(-random.Next(0, 3 * 365 * 24 * 60)),
                    UserId = users.Officers[random.Next(users.Officers.Count)],
                    UserName = $"canbo@{prefix.ToLowerInvariant()}.bench",
                    UserAgencyId = agencies[random.Next(agencies.Count)].Id,
                    EntityType = type,
                    EntityKey = key,
                    AggregateKey = key,
                    Action = (AuditAction)random.Next(0, 3),
                    Changes = "{\"Status\":{\"old\":\"New\",\"new\":\"InProgress\"}}",
                });
            }

            await db.SaveChangesAsync(cancellationToken);
            written += chunk;
            if (written % 200_000 == 0 || written == total)
            {
                log($"{written}/{total} dòng nhật ký");
            }
        }

        return total;
    }

    private static T Pick<T>(Random random, params (T Value, int Weight)[] choices)
    {
        var roll = random.Next(choices.Sum(c => c.Weight));
        foreach (var (value, weight) in choices)
        {
            if (roll < weight)
            {
                return value;
            }

            roll -= weight;
        }

        return choices[^1].Value;
    }

    private static string Sha(Random random) => Convert.ToHexStringLower(BitConverter.GetBytes(random.NextInt64())).PadLeft(64, '0');
}
