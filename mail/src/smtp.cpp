#include <planner/mail/smtp.hpp>

#include <cctype>

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <string_view>

namespace planner::mail {
namespace {

struct CurlDeleter {
    void operator()(CURL* curl) const noexcept { curl_easy_cleanup(curl); }
    void operator()(curl_slist* list) const noexcept { curl_slist_free_all(list); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using CurlList = std::unique_ptr<curl_slist, CurlDeleter>;

// curl_global_init is not safe to race with other threads' first use, so it runs once,
// before the first transfer.
void initialise_curl_once()
{
    static const CURLcode initialised = curl_global_init(CURL_GLOBAL_DEFAULT);
    (void)initialised;
}

struct Upload {
    std::string_view message;
    std::size_t sent = 0;
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user_data)
{
    auto& upload = *static_cast<Upload*>(user_data);
    const std::size_t length = std::min(size * count, upload.message.size() - upload.sent);
    std::copy_n(upload.message.data() + upload.sent, length, buffer);
    upload.sent += length;
    return length;
}

// libcurl's error text says "RCPT failed: 550"; the server's own words ("5.1.1 user
// unknown") come only through the protocol trace, so the last refusal (4xx, 5xx) is
// kept from it, with the command it answered. The 221 of the QUIT that follows must not
// replace it.
struct Trace {
    std::string last_command;  // "MAIL", "RCPT", "DATA", "AUTH", ...
    std::string refusal;
    std::string refused_command;
};

int trace_refusals(CURL* /*curl*/, curl_infotype type, char* data, std::size_t size, void* user_data)
{
    auto& trace = *static_cast<Trace*>(user_data);
    if (type == CURLINFO_HEADER_OUT && size >= 4) {
        trace.last_command.assign(data, 4);
        for (auto& letter : trace.last_command) {
            letter = static_cast<char>(std::toupper(static_cast<unsigned char>(letter)));
        }
    } else if (type == CURLINFO_HEADER_IN && size > 0 && (data[0] == '4' || data[0] == '5')) {
        trace.refusal.assign(data, size);
        while (!trace.refusal.empty() && (trace.refusal.back() == '\n' || trace.refusal.back() == '\r')) {
            trace.refusal.pop_back();
        }
        trace.refused_command = trace.last_command;
    }
    return 0;
}

std::string url_of(const SmtpServer& server)
{
    const bool ipv6 = server.host.find(':') != std::string::npos;
    return fmt::format("{}://{}{}{}:{}", server.tls == Tls::implicit ? "smtps" : "smtp", ipv6 ? "[" : "",
                       server.host, ipv6 ? "]" : "", server.port);
}

}  // namespace

Delivery send(const SmtpServer& server, const std::string& from, const std::string& recipient,
              const std::string& message)
{
    Delivery delivery{recipient, false, {}, false, false};
    initialise_curl_once();
    const CurlHandle curl(curl_easy_init());
    if (!curl) {
        delivery.error = "libcurl could not start a transfer";
        return delivery;
    }
    const auto envelope_from = "<" + from + ">";
    const CurlList recipients(curl_slist_append(nullptr, ("<" + recipient + ">").c_str()));
    Upload upload{message};
    Trace trace;
    char error_buffer[CURL_ERROR_SIZE] = {};
    const auto url = url_of(server);

    CURL* handle = curl.get();
    curl_easy_setopt(handle, CURLOPT_URL, url.c_str());
    curl_easy_setopt(handle, CURLOPT_MAIL_FROM, envelope_from.c_str());
    curl_easy_setopt(handle, CURLOPT_MAIL_RCPT, recipients.get());
    curl_easy_setopt(handle, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(handle, CURLOPT_READFUNCTION, read_message);
    curl_easy_setopt(handle, CURLOPT_READDATA, &upload);
    curl_easy_setopt(handle, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    curl_easy_setopt(handle, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);  // no SIGALRM for timeouts: safe in threads
    curl_easy_setopt(handle, CURLOPT_TIMEOUT, static_cast<long>(server.timeout.count()));
    curl_easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, static_cast<long>(server.timeout.count()));
    curl_easy_setopt(handle, CURLOPT_VERBOSE, 1L);  // only so that the trace reaches trace_refusals
    curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, trace_refusals);
    curl_easy_setopt(handle, CURLOPT_DEBUGDATA, &trace);
    if (server.tls != Tls::none) {
        // With STARTTLS this refuses to go on in clear text when the server offers no TLS.
        curl_easy_setopt(handle, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    }
    if (!server.user.empty()) {
        curl_easy_setopt(handle, CURLOPT_USERNAME, server.user.c_str());
        curl_easy_setopt(handle, CURLOPT_PASSWORD, server.password.c_str());
    }

    const CURLcode result = curl_easy_perform(handle);
    if (result == CURLE_OK) {
        delivery.delivered = true;
        return delivery;
    }
    delivery.error = error_buffer[0] != '\0' ? std::string(error_buffer) : std::string(curl_easy_strerror(result));
    // Only a recipient or the message itself can be refused for good; a 5xx to AUTH,
    // MAIL FROM or the greeting says the server or the account is wrong, which the
    // administrator may put right.
    delivery.permanent =
        trace.refusal.starts_with('5') && (trace.refused_command == "RCPT" || trace.refused_command == "DATA");
    // The whole message went and no answer came (a timeout, a broken connection): the
    // server may have taken it.
    delivery.uncertain = upload.sent == message.size() && !message.empty() && trace.refusal.empty();
    if (!trace.refusal.empty()) {
        delivery.error += fmt::format(" (the server replied '{}')", trace.refusal);
    }
    delivery.error = fmt::format("{} via {}: {}", recipient, url, delivery.error);
    return delivery;
}

}  // namespace planner::mail
