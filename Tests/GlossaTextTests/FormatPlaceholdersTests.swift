import GlossaText
import Testing

@Suite struct FormatPlaceholdersTests {
    @Test(
        "The placeholders of printf, Python, Qt, Ruby and brace formats are found, in order",
        arguments: [
            ("%(model)s instance with %(field)s %(value)r is not a valid choice.", ["%(model)s", "%(field)s", "%(value)r"]),
            ("Deleted %d of %ld files (%.1f%%)", ["%d", "%ld", "%.1f", "%%"]),
            ("%1$s has %2$d new messages", ["%1$s", "%2$d"]), ("Page %1 of %2", ["%1", "%2"]),
            ("Hello %{name}, you have ${count} points", ["%{name}", "${count}"]),
            ("Between {min_days} and {max_days}, {0:.2f} {} {{ user }}", ["{min_days}", "{max_days}", "{0:.2f}", "{}", "{{ user }}"]),
        ])
    func placeholdersAreFound(text: String, expected: [String]) {
        #expect(FormatPlaceholders.ranges(in: text).map { String(text[$0]) } == expected)
    }

    @Test(
        "Percent signs, braces across lines and prices are text",
        arguments: ["100% sure", "50 % of them", "{ unclosed", "a {\nb}", "$5 and $name", "Putin arrives in Beijing", "%"])
    func textIsNotAPlaceholder(text: String) {
        #expect(FormatPlaceholders.ranges(in: text).isEmpty)
    }
}
