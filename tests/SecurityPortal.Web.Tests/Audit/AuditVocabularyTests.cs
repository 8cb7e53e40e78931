using System.ComponentModel.DataAnnotations;
using System.Reflection;
using SecurityPortal.Web.AuditTrail;
using SecurityPortal.Web.Pages.Admin.Users;
using SecurityPortal.Web.Pages.Agencies;
using SecurityPortal.Web.Pages.Systems;

namespace SecurityPortal.Tests.Audit;

/// <summary>
/// The change history never falls back to a class or column name: every entity the trail records has a Vietnamese
/// name, every field it writes has a label (or is bookkeeping that is never shown), and the labels of the registry's
/// and the accounts' fields are the forms' own [Display] names.
/// </summary>
public sealed class AuditVocabularyTests : PortalTestBase
{
    [Fact]
    public async Task Every_audited_entity_and_field_has_a_Vietnamese_name_or_is_never_shown()
    {
        var model = await Factory.WithDbAsync(db => Task.FromResult(db.Model));
        var unnamed = ChangeDescriber.AuditedEntities(model).Where(e => AuditVocabulary.EntityName(e) is null).ToList();
        Assert.True(unnamed.Count == 0, $"audited entities without a Vietnamese name: {string.Join(", ", unnamed)}");
        var unlabelled = ChangeDescriber.AuditedFields(model)
            .Where(f => !AuditVocabulary.IsHidden(f.Entity, f.Field) && AuditVocabulary.FieldLabel(f.Entity, f.Field) is null)
            .Select(f => $"{f.Entity}.{f.Field}")
            .ToList();
        Assert.True(unlabelled.Count == 0, $"audited fields without a label: {string.Join(", ", unlabelled)}");
        Assert.Contains(ChangeDescriber.AuditedFields(model), f => f is ("LevelDossier", "Facts.UserCount"));
        Assert.Contains(ChangeDescriber.AuditedFields(model), f => f is ("DossierAttachment", "FileName"));
    }

    [Theory]
    [InlineData("InformationSystem", typeof(SystemInput))]
    [InlineData("Agency", typeof(AgencyInput))]
    [InlineData("PortalUser", typeof(UserFields))]
    public void The_labels_are_the_forms_labels(string entity, Type form)
    {
        var labelled = form.GetProperties()
            .Select(p => (Field: p.Name, Label: p.GetCustomAttribute<DisplayAttribute>()?.Name))
            .Where(p => p.Label is not null && p.Field != "Roles")
            .ToList();
        Assert.NotEmpty(labelled);
        Assert.All(labelled, p => Assert.Equal(p.Label, AuditVocabulary.FieldLabel(entity, p.Field)));
    }

    [Fact]
    public void Bookkeeping_is_hidden_and_secrets_are_marked()
    {
        foreach (var field in new[] { "SearchText", "ConcurrencyStamp", "SecurityStamp", "Sha256", "NormalizedEmail", "NormalizedProduct", "SearchName" })
        {
            Assert.True(AuditVocabulary.IsHidden("InformationSystem", field), field);
        }

        Assert.True(AuditVocabulary.IsSecret("PortalUser", "PasswordHash"));
        Assert.True(AuditVocabulary.IsSecret("IdentityUserToken`1", "Value"));
        Assert.False(AuditVocabulary.IsSecret("InformationSystem", "Name"));
    }
}
