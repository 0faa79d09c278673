namespace EngagementHub.Core.Identity;

/// <summary>
/// Thrown when someone asks a service for something they may not do. The UI hides such actions, so reaching this
/// means a crafted request or a stale screen; the message is safe to show.
/// </summary>
public sealed class AccessDeniedException(string message) : Exception(message);
