namespace EngagementHub.Core.Data;

/// <summary>
/// The app will not start, for a reason its operator can put right and that the message says: a database that was
/// here is missing or empty, a PostgreSQL database that is not this deployment's, demo data and a bootstrap
/// administrator configured together (ADR 24). The host logs the message and exits with a non-zero code, without a
/// stack trace, rather than starting on the wrong data.
/// </summary>
/// <param name="message">What is wrong and what to do, in the operator's words.</param>
public sealed class StartRefusedException(string message) : InvalidOperationException(message);
