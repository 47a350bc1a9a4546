{%- extends 'base.tpl' -%}

{%- block title -%}
Accès refusé
{%- endblock -%}

{%- block body -%}
<div class="panel-body">
Désolé, vous n'êtes pas autorisé à ouvrir formgrader.
<span id="error-{{ error_code }}"></span>
</div>
{%- endblock -%}
