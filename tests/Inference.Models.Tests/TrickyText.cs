namespace Inference.Models.Tests;

/// <summary>Text that byte-level BPE has to get exactly right.</summary>
public static class TrickyText
{
    public static TheoryData<string> Cases => new()
    {
        "Hello, world!",
        "",
        " ",
        "   leading and trailing   ",
        "\n",
        "\n\n\n",
        "\r\n",
        "\t\tTabs\tand\tnewlines\n",
        "The quick brown fox can't stop; it's 3:45pm and we'll see. DON'T SHOUT",
        "你好，世界！今天天气很好。",
        "こんにちは世界、カタカナ",
        "안녕하세요 세계",
        "Привет, мир",
        "مرحبا بالعالم",
        "שלום עולם",
        "नमस्ते दुनिया",
        "😀👍🎉❤️🚀",
        "👨‍👩‍👧‍👦 family, 🏳️‍🌈 flag, 👩🏽‍💻 coder, 🇺🇸🇯🇵",
        "e\u0301 n\u0303 a\u030A Z\u0351\u0357\u0351\u0308",
        "\u200B zero width \u200D joiner \uFEFF bom",
        "def f(x):\n\treturn {'a': [1, 2, 3]}  # comment\n\n\nclass A:\n    pass\n",
        "    four spaces\n        eight spaces\n\t\t\ttabs",
        "a  b   c    d     e",
        "<|im_start|>user\nhi<|im_end|>\n<|endoftext|>",
        "a\u0001\u0002\u0003\u001b[31mred\u001b[0m\u007f\0nul",
        "\u00A0nbsp\u2003emspace\u3000ideographic",
        "1234567890 3.14159 -42 1e10 0x1F",
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝕄𝕒𝕥𝕙 𐍈 𠜎𠜱",
        "\uFFFD replacement",
    };
}
