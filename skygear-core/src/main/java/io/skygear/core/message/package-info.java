/**
 * Sending e-mail (SMTP through Angus Mail) and SMS (Twilio or Nexmo over HTTP): {@link
 * io.skygear.core.message.MailSender} and {@link io.skygear.core.message.SmsSender} deliver one
 * {@link io.skygear.core.message.MailMessage} or {@link io.skygear.core.message.SmsMessage} at a time
 * with a tenant's settings, falling back to the host's; failures are {@link
 * io.skygear.core.message.MessageException}s that say whether a retry may help.
 */
package io.skygear.core.message;
