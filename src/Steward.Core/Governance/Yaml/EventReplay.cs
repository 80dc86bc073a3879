using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Steward.Core.Governance.Yaml;

/// <summary>Replays parsing events already read and checked, so YamlDotNet builds its nodes from them (positions kept).</summary>
internal sealed class EventReplay(IReadOnlyList<ParsingEvent> events) : IParser
{
    private int _index = -1;

    public ParsingEvent? Current => _index >= 0 && _index < events.Count ? events[_index] : null;

    public bool MoveNext()
    {
        if (_index < events.Count) _index++;
        return _index < events.Count;
    }
}
