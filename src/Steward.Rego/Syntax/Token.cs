namespace Steward.Rego.Syntax;

internal enum TokenKind
{
    Eof,
    Ident,
    String,
    RawString,
    Number,
    Template,
    RawTemplate,
    LBrace, RBrace, LBracket, RBracket, LParen, RParen,
    Dot, Comma, Semicolon, Colon,
    Assign, Unify, Eq, Neq, Lt, Lte, Gt, Gte,
    Plus, Minus, Star, Slash, Percent, Pipe, Amp,
}

/// <summary>A lexical token; SpaceBefore/NewlineBefore drive Rego's whitespace-sensitive grammar.</summary>
internal sealed record Token(TokenKind Kind, string Text, int Line, int Column, bool SpaceBefore, bool NewlineBefore)
{
    public bool Is(TokenKind k) => Kind == k;

    public bool IsWord(string w) => Kind == TokenKind.Ident && Text == w;
}
