using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using ActorChat.Core;
using Microsoft.Extensions.Configuration;

namespace ActorChat.Server.Hosting;

/// <summary>
/// The <c>Chat</c> settings as the operator wrote them: every key must name a setting and every
/// value must have the setting's type, checked before binding (which would fail with a stack trace);
/// and the effective settings in one line for the log.
/// </summary>
internal static partial class Settings
{
    private static readonly PropertyInfo[] All = [.. typeof(ChatOptions).GetProperties().Where(p => p.CanWrite)];

    public static PropertyInfo? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether the operator set <paramref name="name"/> anywhere (the file, the environment or the command line).</summary>
    public static bool IsSet(IConfiguration configuration, string name) => configuration[$"{ChatOptions.Section}:{name}"] is not null;

    /// <summary>What is wrong with the section, one clause per problem; empty when nothing is.</summary>
    public static List<string> Problems(IConfiguration configuration)
    {
        var problems = new List<string>();
        foreach (var entry in configuration.GetSection(ChatOptions.Section).GetChildren())
        {
            var path = $"{ChatOptions.Section}:{entry.Key}";
            var property = Find(entry.Key);
            if (property is null)
            {
                problems.Add($"{path} is not a setting");
            }
            else if (entry.Value is { } value && !HasType(value, property.PropertyType))
            {
                var type = property.PropertyType == typeof(int) ? "a whole number" : "a number";
                problems.Add($"{path} must be {type}, not '{value}'");
            }
        }
        return problems;
    }

    private static bool HasType(string value, Type type) =>
        type == typeof(int) ? int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
        : type != typeof(double) || double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    /// <summary>"Port=9999 UdpPort=9999 …", with anything that looks like a secret left out.</summary>
    public static string Describe(ChatOptions options)
    {
        var line = new StringBuilder();
        foreach (var property in All)
        {
            var value = Secret().IsMatch(property.Name) ? "***" : Convert.ToString(property.GetValue(options), CultureInfo.InvariantCulture);
            line.Append(line.Length == 0 ? "" : " ").Append(property.Name).Append('=').Append(value);
        }
        return line.ToString();
    }

    [GeneratedRegex("password|secret|token|credential", RegexOptions.IgnoreCase)]
    private static partial Regex Secret();
}
