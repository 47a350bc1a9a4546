{%- extends 'base.tpl' -%}

{%- block title -%}
Erreur
{%- endblock -%}

{%- block body -%}
<div class="panel-body">
Désolé, formgrader a rencontré une erreur. Signalez-la à la personne qui administre le
serveur du cours.
<span id="error-{{ error_code }}"></span>
</div>
{%- endblock -%}
