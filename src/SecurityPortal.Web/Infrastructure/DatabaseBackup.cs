using Microsoft.Data.Sqlite;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>Backups the portal takes itself: SQLite only (server databases have their own tools).</summary>
public static class DatabaseBackup
{
    /// <summary>
    /// Copies a live SQLite database with SQLite's online backup API: a consistent snapshot including what is still in
    /// the WAL, taken while the portal runs. The target must not exist (a backup never overwrites another).
    /// </summary>
    public static string Sqlite(string connectionString, string target)
    {
        var full = Path.GetFullPath(target);
        if (File.Exists(full))
        {
            throw new PortalConfigurationException($"Tệp «{full}» đã tồn tại; hãy chọn tên khác cho bản sao lưu.");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using var source = new SqliteConnection(connectionString);
        using var destination = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Pooling = false }.ConnectionString);
        source.Open();
        source.BackupDatabase(destination);
        return $"Đã sao lưu cơ sở dữ liệu SQLite vào {full} ({new FileInfo(full).Length / 1024} KB).";
    }
}
