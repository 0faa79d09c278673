namespace EngagementHub.Core.Common;

/// <summary>
/// Marks an entity whose rows the audit interceptor does not copy into the audit log: logs in their own right (who was
/// told what, when; the audit log itself), plumbing (submission keys), or secrets (sign-in tickets). Every other entity
/// is domain data and is audited. Inherited by subclasses.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true, AllowMultiple = false)]
public sealed class NotAuditedAttribute : Attribute;
