using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SecurityPortal.Domain.Calendar;

namespace SecurityPortal.Data.Configurations;

internal sealed class CalendarDayConfiguration : IEntityTypeConfiguration<CalendarDay>
{
    public void Configure(EntityTypeBuilder<CalendarDay> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.ConcurrencyStamp).IsConcurrencyToken();
        builder.Property(d => d.Name).HasMaxLength(CalendarDay.NameMaxLength);
        builder.HasIndex(d => d.Date).IsUnique();
    }
}
