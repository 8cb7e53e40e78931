using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace SecurityPortal.Data;

/// <summary>
/// Base of each migrations assembly's design-time factory. <c>dotnet ef</c> uses it to add
/// migrations and write scripts; it never opens a connection.
/// </summary>
public abstract class DesignTimeFactoryBase : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PortalDbContext>();
        Configure(builder);
        return new PortalDbContext(builder.Options);
    }

    protected abstract void Configure(DbContextOptionsBuilder builder);
}
