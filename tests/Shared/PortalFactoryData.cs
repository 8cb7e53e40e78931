using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Tests;

/// <summary>Records the web and browser tests arrange the way the portal makes them (systems, approved levels).</summary>
public static class PortalFactoryData
{
    public static async Task<InformationSystem> CreateSystemAsync(
        this PortalFactory factory, string code, string name, Guid agencyId, Action<InformationSystem>? configure = null)
    {
        var system = new InformationSystem(code, name, agencyId, agencyId)
        {
            FunctionKind = SystemFunctionKind.Internal,
            InformationTypes = InformationTypes.Private,
            InfrastructureScope = InfrastructureScope.SingleOrganisation,
            UserCount = 300,
        };
        configure?.Invoke(system);
        await factory.WithDbAsync(async db =>
        {
            db.InformationSystems.Add(system);
            return await db.SaveChangesAsync();
        });
        return system;
    }

    /// <summary>Makes a root certificate a trust anchor, as an administrator's upload on /Admin/TrustAnchors would.</summary>
    public static Task<int> TrustAsync(this PortalFactory factory, System.Security.Cryptography.X509Certificates.X509Certificate2 root) => factory.WithDbAsync(db =>
    {
        db.TrustAnchors.Add(new Domain.Signatures.TrustAnchor(
            root.RawData, root.Subject, root.Issuer, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(root.RawData)), true,
            root.NotBefore.ToUniversalTime(), root.NotAfter.ToUniversalTime(), "test", DateTime.UtcNow));
        return db.SaveChangesAsync();
    });

    /// <summary>Gives a system an approved level the way the portal does: through an approved dossier.</summary>
    public static Task<int> ApproveLevelAsync(this PortalFactory factory, Guid systemId, int level) => factory.WithDbAsync(async db =>
    {
        var today = VietnamTime.Today(TimeProvider.System);
        var system = await db.InformationSystems.SingleAsync(s => s.Id == systemId);
        var officer = new Domain.Dossiers.DossierActor("officer", "Cán bộ", false, true);
        var reviewer = new Domain.Dossiers.DossierActor("reviewer", "Thẩm định", true, false);
        var dossier = Domain.Dossiers.LevelDossier.Start(system, officer, today, DateTime.UtcNow, null);
        dossier.SetFacts(new Domain.Classification.ClassificationFacts
        {
            FunctionKind = SystemFunctionKind.Internal, InformationTypes = level == 1 ? InformationTypes.Public : InformationTypes.Private,
            OnlineServiceLevel = 0, ConditionalBusinessLine = false, UserCount = 10, BasicPersonalDataSubjects = 0, SensitivePersonalDataSubjects = 0,
            HandlesAdministrativeProcedures = false, InfrastructureScope = InfrastructureScope.SingleOrganisation, Requires24x7 = false,
            NationalEGovernmentSystem = false, CentralisedNationalData = false, InternationalInfrastructureLink = false, DesignatedLevel = 0, RiskFrameworkLevel = 0,
        });
        dossier.Propose(level, level > 2 ? "Theo đánh giá rủi ro." : null);
        dossier.SetContent(Domain.Dossiers.DossierContent.FromSections(Domain.Dossiers.DossierContent.SectionList.ToDictionary(s => s.Field, s => (string?)"Nội dung")));
        foreach (var kind in Domain.Dossiers.DossierRoute.For(level).RequiredToSubmit)
        {
            dossier.AddAttachment(officer, kind, "a.pdf", "application/pdf", 10, new string('a', 64), DateTime.UtcNow);
        }

        var calendar = new Domain.Calendar.WorkingDays([]);
        dossier.Submit(officer, calendar, today, DateTime.UtcNow);
        if (level >= 4)
        {
            dossier.AddAttachment(reviewer, Domain.Dossiers.AttachmentKind.ExpertOpinion, "y.pdf", "application/pdf", 10, new string('a', 64), DateTime.UtcNow);
            dossier.RecordExpertOpinion(reviewer, "1/YK", today, "Đồng ý", today, DateTime.UtcNow);
        }

        dossier.Accept(reviewer, calendar, today, DateTime.UtcNow);
        dossier.RecordAppraisal(reviewer, Domain.Dossiers.AppraisalConclusion.Suitable, null, "2/TĐ", today, "Bộ Công an", calendar, today, DateTime.UtcNow);
        // Level 3: the owner's decision, recorded by an officer of the owner agency (not the one who prepared the dossier).
        var approver = dossier.MayApprove(reviewer) ? reviewer : new Domain.Dossiers.DossierActor("owner", "Cán bộ chủ quản", false, true);
        foreach (var kind in Domain.Dossiers.DossierRoute.For(level).RequiredToApprove)
        {
            dossier.AddAttachment(approver, kind, "q.pdf", "application/pdf", 10, new string('a', 64), DateTime.UtcNow);
        }

        dossier.Approve(approver, system, "3/QĐ", today, "Giám đốc", today, DateTime.UtcNow);
        db.LevelDossiers.Add(dossier);
        return await db.SaveChangesAsync();
    });
}
