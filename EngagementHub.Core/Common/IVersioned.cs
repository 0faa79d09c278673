namespace EngagementHub.Core.Common;

/// <summary>
/// A row two people may edit at once. <see cref="Version"/> is the concurrency token: it changes on every save,
/// so a save based on an older version is refused instead of silently overwriting the newer one.
/// </summary>
public interface IVersioned
{
    Guid Version { get; set; }
}
