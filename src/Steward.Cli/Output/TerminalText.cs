namespace Steward.Cli.Output;

/// <summary>The few colours Steward's own terminal output uses.</summary>
public enum Ink
{
    None,
    Bold,
    Red,
    BoldRed,
    Green,
    Yellow,
    Blue,
}

/// <summary>
/// A command's output writer with what the terminal behind it can show: ANSI colours and its width
/// on an interactive terminal (not redirected, NO_COLOR unset), plain text 120 columns wide otherwise,
/// so that redirected output and CI logs are the same everywhere.
/// </summary>
public sealed class TerminalText
{
    public const int RedirectedWidth = 120;

    private TerminalText(TextWriter writer, bool colors, int width)
    {
        Writer = writer;
        Colors = colors;
        Width = width;
    }

    public TextWriter Writer { get; }

    public bool Colors { get; }

    public int Width { get; }

    public static TerminalText For(TextWriter writer)
    {
        var interactive = ReferenceEquals(writer, Console.Out) && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
        return new TerminalText(writer, interactive, interactive ? WindowWidth() : RedirectedWidth);
    }

    /// <summary>Plain text of a given width (tests, and output that is never a terminal).</summary>
    public static TerminalText Plain(TextWriter writer, int width = RedirectedWidth) => new(writer, false, width);

    public string Styled(string text, Ink ink) => !Colors || ink == Ink.None || text.Length == 0 ? text : ink switch
    {
        Ink.Bold => $"\e[1m{text}\e[0m",
        Ink.Red => $"\e[31m{text}\e[0m",
        Ink.BoldRed => $"\e[1;31m{text}\e[0m",
        Ink.Green => $"\e[32m{text}\e[0m",
        Ink.Yellow => $"\e[33m{text}\e[0m",
        Ink.Blue => $"\e[34m{text}\e[0m",
        _ => text,
    };

    private static int WindowWidth()
    {
        try
        {
            var width = Console.WindowWidth;
            return width >= 40 ? width : RedirectedWidth;
        }
        catch (IOException)
        {
            return RedirectedWidth;
        }
    }
}
