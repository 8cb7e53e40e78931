using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data.Seeding;
using SecurityPortal.Domain.Catalog;

namespace SecurityPortal.Tests;

/// <summary>The shipped requirement catalog: valid, complete per level, and stored without loss on this provider.</summary>
public sealed class CatalogFileTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateMigratedAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static CatalogDocument Shipped => CatalogDocument.Parse(PortalSeeder.ReadEmbedded("catalog-tt12-2022.json"));

    [Fact]
    public void The_shipped_catalog_is_valid_with_unique_codes_non_empty_texts_and_every_requirement_applying_somewhere()
    {
        var document = Shipped;
        Assert.Empty(document.Validate());
        Assert.Equal("TT12-2022", document.Code);
        Assert.Equal(document.Requirements.Count, document.Requirements.Select(r => r.Code).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(document.Requirements, r =>
        {
            Assert.NotEmpty(r.Levels);
            Assert.False(string.IsNullOrWhiteSpace(r.Text));
            Assert.All(r.Levels.Values, l => Assert.False(string.IsNullOrWhiteSpace(l.Reference)));
        });
        Assert.All(document.Groups, g => Assert.Contains(document.Requirements, r => r.Group == g.Code));
    }

    [Theory]
    [InlineData(1, 15, 19)]
    [InlineData(2, 18, 28)]
    [InlineData(3, 22, 44)]
    [InlineData(4, 22, 46)]
    [InlineData(5, 22, 48)]
    public void Each_level_has_the_management_and_technical_requirements_of_its_annex(int level, int management, int technical)
    {
        var version = Shipped.ToVersion("test");
        var applicable = version.ApplicableTo(level).ToList();
        Assert.Equal(management, applicable.Count(r => r.Kind == RequirementKind.Management));
        Assert.Equal(technical, applicable.Count(r => r.Kind == RequirementKind.Technical));
    }

    [Fact]
    public async Task The_catalog_is_stored_and_read_back_without_loss()
    {
        var json = PortalSeeder.ReadEmbedded("catalog-tt12-2022.json");
        var version = CatalogDocument.Parse(json).ToVersion(CatalogDocument.HashOf(json));
        version.Publish();
        await using (var db = _database.CreateContext())
        {
            db.CatalogVersions.Add(version);
            await db.SaveChangesAsync();
        }

        await using var read = _database.CreateContext();
        var stored = await read.CatalogVersions.Include(v => v.Groups).Include(v => v.Requirements).ThenInclude(r => r.Levels)
            .AsSplitQuery().SingleAsync(v => v.Code == "TT12-2022");
        Assert.Equal(CatalogStatus.Published, stored.Status);
        Assert.Equal(
            System.Text.Encoding.UTF8.GetString(CatalogDocument.From(version).ToJson()),
            System.Text.Encoding.UTF8.GetString(CatalogDocument.From(stored).ToJson()));
    }
}
