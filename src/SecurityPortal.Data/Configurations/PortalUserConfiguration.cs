using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecurityPortal.Data.Identity;

namespace SecurityPortal.Data.Configurations;

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> builder)
    {
        builder.Property(u => u.FullName).HasMaxLength(PortalUser.FullNameMaxLength);
        builder.Property(u => u.Position).HasMaxLength(200);
        builder.Property(u => u.PasswordHash).HasMaxLength(1000);
        builder.HasOne(u => u.Agency).WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.Restrict);
    }
}
