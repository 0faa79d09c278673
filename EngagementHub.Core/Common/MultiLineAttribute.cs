namespace EngagementHub.Core.Common;

/// <summary>
/// Marks a text property of an input model that takes several lines (a description, reasons, a comment: a form's
/// several-line field). Every other text property takes one line, and <see cref="InputValidation.Validate"/> refuses a
/// line break in it: a one-line field in a browser cannot hold one, so it only comes from a crafted post, and a title or
/// a subject that breaks a line would break the lines of every e-mail, feed and export that quotes it.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MultiLineAttribute : Attribute;
