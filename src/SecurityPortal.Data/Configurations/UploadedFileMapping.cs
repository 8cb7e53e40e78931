using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Data.Configurations;

/// <summary>
/// The one mapping of an <see cref="UploadedFile"/>: stored in its row's own table (table splitting, required), under
/// the columns the three file tables always had (FileName, ContentType, Length, Sha256, UploadedById, UploadedAtUtc),
/// with the same lengths, the same required-ness and, where there was one, the same index on Sha256. An owned type
/// rather than a complex type: EF Core 10 cannot index a complex type's property.
/// </summary>
internal static class UploadedFileMapping
{
    public static void OwnsUploadedFile<TEntity>(this EntityTypeBuilder<TEntity> builder, Expression<Func<TEntity, UploadedFile?>> file, bool indexSha256)
        where TEntity : class
    {
        builder.OwnsOne(file, f =>
        {
            f.Property(x => x.FileName).HasColumnName(nameof(UploadedFile.FileName)).HasMaxLength(UploadName.MaxLength);
            f.Property(x => x.ContentType).HasColumnName(nameof(UploadedFile.ContentType)).HasMaxLength(UploadedFile.ContentTypeMaxLength);
            f.Property(x => x.Length).HasColumnName(nameof(UploadedFile.Length));
            f.Property(x => x.Sha256).HasColumnName(nameof(UploadedFile.Sha256)).HasMaxLength(UploadedFile.Sha256Length);
            f.Property(x => x.UploadedById).HasColumnName(nameof(UploadedFile.UploadedById)).HasMaxLength(UploadedFile.UploadedByIdMaxLength);
            f.Property(x => x.UploadedAtUtc).HasColumnName(nameof(UploadedFile.UploadedAtUtc));
            if (indexSha256)
            {
                f.HasIndex(x => x.Sha256);
            }
        });
        builder.Navigation(file).IsRequired();
    }
}
