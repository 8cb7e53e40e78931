using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SecurityPortal.Data.Configurations;

/// <summary>Bounds for Identity columns whose content is longer than the 256-character default.</summary>
internal sealed class IdentityConfiguration :
    IEntityTypeConfiguration<IdentityUserToken<string>>,
    IEntityTypeConfiguration<IdentityUserClaim<string>>,
    IEntityTypeConfiguration<IdentityRoleClaim<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<string>> builder) =>
        builder.Property(t => t.Value).HasMaxLength(2000);

    public void Configure(EntityTypeBuilder<IdentityUserClaim<string>> builder) =>
        builder.Property(c => c.ClaimValue).HasMaxLength(1000);

    public void Configure(EntityTypeBuilder<IdentityRoleClaim<string>> builder) =>
        builder.Property(c => c.ClaimValue).HasMaxLength(1000);
}
