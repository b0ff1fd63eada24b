using System.Text;

namespace Inference.Engine.Tests;

public class TextPrimitivesTests
{
    [Theory]
    [InlineData("héllo wörld")]
    [InlineData("東京タワー")]
    [InlineData("👩‍👩‍👧‍👦 family, 🇯🇵 flag")]
    [InlineData("a\u0301 combining")]
    public void The_decoder_never_releases_part_of_a_character_whatever_the_split(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        for (var chunk = 1; chunk <= 4; chunk++)
        {
            var decoder = new Utf8TokenDecoder();
            var output = new StringBuilder();
            for (var i = 0; i < bytes.Length; i += chunk)
            {
                var piece = decoder.Append(bytes.AsSpan(i, Math.Min(chunk, bytes.Length - i)));
                Assert.DoesNotContain('\uFFFD', piece);
                output.Append(piece);
            }

            output.Append(decoder.Flush());
            Assert.Equal(text, output.ToString());
        }
    }

    [Fact]
    public void Invalid_bytes_come_out_as_replacement_characters_instead_of_being_held_forever()
    {
        var decoder = new Utf8TokenDecoder();
        var text = decoder.Append([0x80, 0x41]) + decoder.Append([0xE6, 0x97]) + decoder.Flush();

        Assert.Equal("\uFFFDA\uFFFD", text);
        Assert.Equal(0, decoder.PendingByteCount);
    }

    [Fact]
    public void Stop_matcher_holds_a_possible_prefix_and_releases_it_when_it_is_not_a_stop()
    {
        var matcher = new StopStringMatcher(["</end>"]);

        Assert.Equal("hello ", matcher.Append("hello </", out var m1));
        Assert.Null(m1);
        Assert.Equal("</", matcher.Held);
        Assert.Equal("</x", matcher.Append("x", out var m2));
        Assert.Null(m2);
        Assert.Equal("tail", matcher.Append("tail</e", out _));
        Assert.Equal("</e", matcher.Flush());
    }

    [Fact]
    public void Stop_matcher_finds_the_earliest_stop_across_pieces_and_drops_it()
    {
        var matcher = new StopStringMatcher(["STOP", "OP!"]);

        var released = matcher.Append("abc ST", out var first) + matcher.Append("OP! more", out var second);

        Assert.Null(first);
        Assert.Equal("STOP", second);
        Assert.Equal("abc ", released);
    }
}
